"""Limits that hold across processes and cannot be turned against a person.

Failed sign-ins count per address, per account and address, and per account; the per-account cap does not
apply on a device the account signed in on before, so guesses from elsewhere never lock the owner out, while
the guesser is stopped. Every other limit answers 429 with Retry-After, on the API and on the page. The
counters are shared by processes: a limit of 6 lets 6 through across two processes, not 12.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

from conftest import PASSWORD, make_user
from openhour.accounts.models import AccessToken
from openhour.reviews.integrity.access import DEVICE_COOKIE

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def from_address(address: str, **headers: Any) -> Client:
    return Client(REMOTE_ADDR=address, **headers)


def sign_in(browser: Client, email: str, password: str) -> Any:
    return browser.post("/accounts/login/", {"login": email, "password": password})


def signed_in(browser: Client) -> bool:
    return "_auth_user_id" in browser.session


def token(browser: Client, email: str, password: str) -> Any:
    body = {"email": email, "password": password, "label": "cli"}
    return browser.post("/api/v1/auth/tokens", json.dumps(body), content_type="application/json")


def owners_browser(user: Any) -> Client:
    """Fred's own browser: he signed in on it once, so it carries a device cookie the records know."""
    browser = from_address("198.51.100.20")
    assert sign_in(browser, user.email, PASSWORD).status_code == 302
    assert browser.cookies[DEVICE_COOKIE].value
    browser.post("/accounts/logout/")
    return browser


def assert_limited(response: Any, *, api: bool, says: str = "Try again in") -> None:
    """A 429 with Retry-After whose message says what was limited (`says`) and when to try again."""
    assert response.status_code == 429, response.content[:300]
    # The longest limit here is a day; a sliding window may ask for up to one and a half of its periods (its
    # count decays through the next one), so early in a day a daily limit rightly names more than 24 hours.
    assert 0 < int(response["Retry-After"]) <= 36 * 3600
    text = response.json()["error"]["message"] if api else response.content.decode()
    if api:
        assert response.json()["error"]["code"] == "rate_limited"
    assert "Try again in" in text and says in text


# ---- signing in ----------------------------------------------------------------------------------


def test_guesses_from_many_addresses_stop_but_the_owner_gets_in_from_his_own_browser(fred):
    mine = owners_browser(fred)
    guesses = [sign_in(from_address(f"203.0.113.{n}"), fred.email, "guess").status_code for n in range(25)]

    assert guesses[:20] == [200] * 20  # RATE_LOGIN_FAILURES_PER_ACCOUNT: 20/h, wherever they come from
    assert set(guesses[20:]) == {429}
    # Even the right password is refused to a stranger's device now: the guesser cannot try on.
    assert sign_in(from_address("203.0.113.200"), fred.email, PASSWORD).status_code == 429
    # Fred, on the browser he signed in with before, is not held back by them.
    assert sign_in(mine, fred.email, PASSWORD).status_code == 302
    assert signed_in(mine)


def test_five_wrong_passwords_from_one_address_stop_that_address_only(fred):
    attacker = from_address("203.0.113.9")
    for _ in range(5):
        assert b"are not correct" in sign_in(attacker, fred.email, "guess").content
    refused = sign_in(attacker, fred.email, PASSWORD)

    assert_limited(refused, api=False)
    assert b"Too many failed sign-in attempts" in refused.content
    elsewhere = from_address("198.51.100.7")
    assert sign_in(elsewhere, fred.email, PASSWORD).status_code == 302  # not a lock-out of Fred


def test_one_address_guessing_many_accounts_is_stopped(fred, clara, olga):
    attacker = from_address("203.0.113.10")
    emails = [f"nobody-{n}@example.com" for n in range(10)]
    assert all(sign_in(attacker, email, "guess").status_code == 200 for email in emails)

    assert_limited(sign_in(attacker, clara.email, "guess"), api=False)  # RATE_LOGIN_FAILURES_PER_ADDRESS: 10/m


def test_right_passwords_do_not_use_up_the_limits(fred):
    browser = from_address("198.51.100.30")
    for _ in range(12):
        assert sign_in(browser, fred.email, PASSWORD).status_code == 302
        browser.post("/accounts/logout/")


def test_the_token_endpoint_has_the_same_limits_and_says_when(fred):
    mine = owners_browser(fred)
    attacker = from_address("203.0.113.11")
    answers = [token(attacker, fred.email, "guess") for _ in range(6)]

    assert [a.status_code for a in answers[:5]] == [400] * 5
    assert_limited(answers[5], api=True)
    for n in range(20):
        token(from_address(f"203.0.114.{n}"), fred.email, "guess")
    assert_limited(token(from_address("203.0.115.1"), fred.email, PASSWORD), api=True)
    assert token(mine, fred.email, PASSWORD).status_code == 201  # the owner's device cookie, on the API too
    assert AccessToken.objects.filter(user=fred).count() == 1


def test_a_password_reset_clears_the_guesses_against_the_account(fred, settings):
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    for n in range(20):
        sign_in(from_address(f"203.0.113.{n}"), fred.email, "guess")
    assert sign_in(from_address("198.51.100.40"), fred.email, PASSWORD).status_code == 429

    browser = from_address("198.51.100.40")
    key = default_token_generator.make_token(fred)
    url = f"/accounts/password/reset/key/{user_pk_to_url_str(fred)}-{key}/"
    form = browser.get(url, follow=True)
    new_password = "a-brand-new-passphrase-42"
    done = browser.post(form.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    assert done.status_code == 302

    assert sign_in(from_address("198.51.100.41"), fred.email, new_password).status_code == 302


# ---- sign-up, verification, password reset -------------------------------------------------------


def test_sign_up_page_is_limited_per_address(settings):
    settings.RATE_SIGNUPS_PER_ADDRESS = "2/h"
    browser = from_address("203.0.113.50")
    for n in range(2):
        data = {
            "email": f"page-{n}@example.com",
            "password1": "a-long-enough-passphrase",
            "name": "P",
            "role": "client",
            "accept_terms": "on",
        }
        assert browser.post("/accounts/signup/", data).status_code == 302
        browser.post("/accounts/logout/")
    third = browser.post("/accounts/signup/", {"email": "page-3@example.com", "password1": "x", "name": "P"})

    assert_limited(third, api=False)


def test_guessing_verification_keys_is_limited(settings):
    settings.RATE_EMAIL_VERIFY_PER_ADDRESS = "3/h"
    browser = from_address("203.0.113.51")
    post = lambda: browser.post(  # noqa: E731
        "/api/v1/auth/verify-email", json.dumps({"key": "guessed"}), content_type="application/json"
    )
    assert [post().status_code for _ in range(3)] == [400] * 3
    assert_limited(post(), api=True)


def test_verification_mails_are_limited_per_account(una, client_for, settings, mailoutbox):
    settings.RATE_VERIFICATION_MAILS_PER_ACCOUNT = "2/h"
    browser = client_for(una)
    resend = lambda: browser.post("/accounts/email/", {"email": una.email, "action_send": ""})  # noqa: E731
    settings.ACCOUNT_EMAIL_CONFIRMATION_COOLDOWN = 0
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "confirm_email": ""}
    statuses = [resend().status_code for _ in range(3)]

    assert statuses[:2] == [302, 302]
    assert statuses[2] == 429


def test_password_reset_requests_are_limited(fred, settings):
    browser = from_address("203.0.113.52")
    answers = [browser.post("/accounts/password/reset/", {"email": fred.email}) for _ in range(4)]

    assert [a.status_code for a in answers[:3]] == [302] * 3  # RATE_PASSWORD_RESETS: 3/h per e-mail
    assert answers[3].status_code == 429
    assert int(answers[3]["Retry-After"]) >= 3600  # allauth does not say which limit: its longest window
    assert b"Too many attempts" in answers[3].content


# ---- marketplace actions -------------------------------------------------------------------------


def test_messages_per_minute_on_the_api_and_the_page(clara, fred, bearer, client_for, settings):
    from openhour.messaging.conversations.services import conversation_with

    settings.RATE_MESSAGES = "3/m"
    conversation = conversation_with(user=clara, other=fred)
    api = Client(headers=bearer(clara))
    url = f"/api/v1/conversations/{conversation.pk}/messages"
    assert [api.post(url, {"text": f"Hello {n}"}).status_code for n in range(3)] == [201] * 3
    assert_limited(api.post(url, {"text": "One more"}), api=True, says="sending messages too quickly")

    page = client_for(clara).post(f"/messages/{conversation.pk}", {"text": "And from the page"})
    assert_limited(page, api=False, says="sending messages too quickly")
    assert conversation.messages.count() == 3
    assert Client(headers=bearer(fred)).post(url, {"text": "Fred may answer"}).status_code == 201


def test_young_accounts_open_few_new_conversations_a_day(fred, bearer, settings):
    settings.RATE_NEW_CONVERSATIONS_YOUNG = "2/d"
    people = [make_user(f"person{n}", name=f"Person {n}", client=True) for n in range(3)]
    newcomer = make_user("newcomer", name="New Comer", freelancer=True)
    api = Client(headers=bearer(newcomer))
    start = lambda to: api.post(  # noqa: E731
        "/api/v1/conversations", json.dumps({"to": to, "text": "Hi!"}), content_type="application/json"
    )
    assert [start(p.username).status_code for p in people[:2]] == [201, 201]
    assert_limited(start(people[2].username), api=True, says="only a few conversations a day")
    assert start(people[0].username).status_code == 201  # an existing conversation is not a new one
    # Fred's account is older than YOUNG_ACCOUNT_DAYS: he is not held to it.
    fred.date_joined = fred.date_joined.replace(year=2020)
    fred.save(update_fields=["date_joined"])
    old = Client(headers=bearer(fred))
    for person in people:
        body = json.dumps({"to": person.username, "text": "Hello"})
        assert old.post("/api/v1/conversations", body, content_type="application/json").status_code == 201


def test_proposals_per_hour(clara, fred, olga, bearer, settings):
    from openhour.jobs.tests.proposal_kit import post

    settings.RATE_PROPOSALS = "2/h"
    projects = [post(clara) for _ in range(3)]
    send = lambda who, p: Client(headers=bearer(who)).post(  # noqa: E731
        f"/api/v1/projects/{p.pk}/proposals", json.dumps(offer(p.currency)), content_type="application/json"
    )
    assert [send(fred, p).status_code for p in projects[:2]] == [201, 201]
    assert_limited(send(fred, projects[2]), api=True, says="sending proposals too quickly")
    assert send(olga, projects[2]).status_code == 201


def offer(currency: str) -> dict[str, Any]:
    money = lambda amount: {"amount": amount, "currency": currency}  # noqa: E731
    return {
        "cover_letter": "I have built many shops like this one.",
        "price": money(60_000),
        "delivery_days": 14,
        "milestones": [
            {"title": "Design", "amount": 30_000, "due_in_days": 7},
            {"title": "Build", "amount": 30_000, "due_in_days": 14},
        ],
    }


def test_reports_per_hour(clara, bearer, settings):
    settings.RATE_REPORTS = "2/h"
    people = [make_user(f"spammer{n}", name=f"Spammer {n}") for n in range(3)]
    api = Client(headers=bearer(clara))
    report = lambda who: api.post(  # noqa: E731
        "/api/v1/reports",
        json.dumps({"username": who.username, "reason": "spam", "text": "Spam."}),
        content_type="application/json",
    )
    assert [report(p).status_code for p in people[:2]] == [201, 201]
    assert_limited(report(people[2]), api=True, says="many reports")


def test_review_flags_per_hour(clara, fred, olga, bearer, settings, ledger_ok):
    from openhour.reviews.integrity.tests.moderation_kit import published

    settings.RATE_FLAGS = "1/h"
    first, second = published(clara, fred), published(clara, fred)
    api = Client(headers=bearer(olga))
    flag = lambda review: api.post(  # noqa: E731
        f"/api/v1/reviews/{review.pk}/flag",
        json.dumps({"reason": "fake", "text": "Not real."}),
        content_type="application/json",
    )
    assert flag(first).status_code == 201
    assert_limited(flag(second), api=True, says="reported many reviews")
    ledger_ok()


# ---- shared across processes -----------------------------------------------------------------------

HITS = """
from openhour.lib.errors import RateLimited
from openhour.lib.ratelimit import limit_hit
allowed = 0
for _ in range(8):
    try:
        limit_hit(scope="shared-test", ident="{ident}", rate="6/m")
        allowed += 1
    except RateLimited:
        pass
print("ALLOWED", allowed)
"""


def _two_processes(ident: str, **env: str) -> list[int]:
    environment = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "openhour.settings"}
    code = HITS.replace("{ident}", ident)
    runs = [
        subprocess.Popen(  # noqa: S603 -- our own manage.py
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    allowed = [int(line.split()[1]) for out, _err in outputs for line in out.splitlines() if line.startswith("ALLOWED")]
    assert len(allowed) == 2, outputs
    return allowed


def test_the_embedded_store_is_shared_by_processes(tmp_path):
    allowed = _two_processes("embedded", VAR_DIR=str(tmp_path), CACHE_FILE=str(tmp_path / "cache.sqlite3"))

    assert sum(allowed) == 6, allowed


def _redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_running(), reason="needs Redis on 127.0.0.1:6379")
def test_redis_is_shared_by_processes(tmp_path):
    ident = f"redis-{os.getpid()}-{tmp_path.name}"
    allowed = _two_processes(ident, VAR_DIR=str(tmp_path), REDIS_URL="redis://127.0.0.1:6379/12")

    assert sum(allowed) == 6, allowed


@pytest.mark.skipif(bool(os.environ.get("REDIS_URL")), reason="with Redis the counters are in Redis")
def test_the_embedded_default_keeps_counters_out_of_the_main_database():
    cache = django_settings.CACHES["default"]
    assert cache["BACKEND"] == "openhour.lib.sqlite_cache.SQLiteCache"
    assert cache["LOCATION"] != str(django_settings.DATABASES["default"]["NAME"])


# ---- the window ------------------------------------------------------------------------------------


def test_waiting_the_time_a_refusal_names_is_enough_and_no_less():
    import time_machine

    from openhour.lib.errors import RateLimited
    from openhour.lib.ratelimit import limit_hit

    hit = lambda: limit_hit(scope="window-test", ident="someone", rate="5/5m")  # noqa: E731
    with time_machine.travel(1_899_999_900 + 250, tick=False) as clock:  # 250 s into a 300 s window
        for _ in range(5):
            hit()
        with pytest.raises(RateLimited) as refused:
            hit()
        wait = refused.value.retry_after
        clock.shift(60)  # the next fixed window has begun: no fresh burst of 5
        with pytest.raises(RateLimited):
            hit()
        clock.shift(wait - 60 - 2)
        with pytest.raises(RateLimited):
            hit()
        clock.shift(2)
        hit()
