"""Access evidence comes from every door: an account made and used only through the API leaves the same kind of
records (address, user-agent family, token) as one made on the pages; money and review actions are recorded
too; a forged X-Forwarded-For is not taken for the address; old records are deleted after the retention period."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD
from openhour.lib.process import CLIENT
from openhour.reviews.integrity.access import DEVICE_COOKIE, access_records_expire_due, agent_family
from openhour.reviews.integrity.models import AccessRecord, RiskSignal
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db

HOME = "198.51.100.23"  # a household's address (documentation range: telling, not a shared network)
SCRIPT = "python-requests/2.32.3"
Kind = AccessRecord.Kind


def _post(client: Client, path: str, data: dict, **headers: str):
    return client.post(path, data, content_type="application/json", REMOTE_ADDR=HOME, headers=headers)


def _records(user) -> list[tuple[str, str, str | None, str, str, bool]]:
    rows = AccessRecord.objects.filter(user=user).order_by("pk")
    return [(r.kind, r.door, r.ip, r.device, r.agent, r.api_token_id is not None) for r in rows]


def test_a_sockpuppet_made_and_used_only_through_the_api_leaves_records(client, fred):
    agent = {"User-Agent": SCRIPT}
    signup = {"email": "sock@example.com", "password": PASSWORD, "name": "Sam Sock", "role": "client"}
    assert _post(client, "/api/v1/auth/signup", signup, **agent).status_code == 201
    key = re.findall(r"https?://\S+", mail.outbox[0].body)[0].rstrip("/").rsplit("/", 1)[-1]
    assert _post(client, "/api/v1/auth/verify-email", {"key": key}, **agent).status_code == 200
    issued = _post(
        client, "/api/v1/auth/tokens", {"email": signup["email"], "password": PASSWORD, "label": "x"}, **agent
    )
    assert issued.status_code == 201
    bearer = {"Authorization": f"Bearer {issued.json()['token']}", **agent}
    deposit = {"amount": {"amount": 50_000, "currency": "GBP"}, "card_token": "tok_visa_sock1"}
    assert _post(client, "/api/v1/wallet/deposits", deposit, **bearer).status_code == 201
    from openhour.accounts.models import User

    sock = User.objects.get(email=signup["email"])
    contract = finished(sock, fred)
    assert _post(client, f"/api/v1/contracts/{contract.pk}/reviews", body(CLIENT, 5), **bearer).status_code == 201

    assert _records(sock) == [
        (Kind.SIGNUP, "api", HOME, "", "python-requests", False),
        (Kind.TOKEN, "api", HOME, "", "python-requests", True),
        (Kind.DEPOSIT, "api", HOME, "", "python-requests", True),
        (Kind.REVIEW, "api", HOME, "", "python-requests", True),
    ]
    token_ids = set(AccessRecord.objects.filter(user=sock).exclude(api_token_id=None).values_list("api_token_id"))
    assert token_ids == {(int(issued.json()["id"]),)}  # the token created, then the token used: the same one
    assert DEVICE_COOKIE not in client.cookies  # a script is given no device cookie it would never send back


def test_money_and_review_actions_on_the_pages_record_the_browsers_device(client, clara, fred):
    client.force_login(clara)
    firefox = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}
    paid = client.post(
        "/wallet/deposit",
        {"amount": "20", "currency": "GBP", "card_token": "tok_visa", "key": "k1", "pay": "1"},
        REMOTE_ADDR=HOME,
        headers=firefox,
    )
    assert paid.status_code == 302, paid.content[:2000]
    device = client.cookies[DEVICE_COOKIE].value
    contract = finished(clara, fred)
    form = {"overall": "4", "went_well": "Solid work.", "would_work_again": "yes"}
    form |= {name: "4" for name in body(CLIENT)["ratings"]}
    assert client.post(f"/contracts/{contract.pk}/review", form, REMOTE_ADDR=HOME, headers=firefox).status_code == 302

    assert _records(clara)[1:] == [  # after force_login's sign-in, made without a request
        (Kind.DEPOSIT, "web", HOME, device, "Firefox", False),
        (Kind.REVIEW, "web", HOME, device, "Firefox", False),
    ]


def test_a_forged_forwarded_for_from_an_untrusted_peer_is_not_the_recorded_address(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    signup = {"email": "forger@example.com", "password": PASSWORD, "name": "Fay Forger", "role": "client"}
    answer = client.post(
        "/api/v1/auth/signup",
        signup,
        content_type="application/json",
        REMOTE_ADDR=HOME,
        headers={"X-Forwarded-For": "203.0.113.99"},
    )
    assert answer.status_code == 201
    assert AccessRecord.objects.get(user__email=signup["email"]).ip == HOME

    vouched = {**signup, "email": "proxied@example.com"}
    client.post(
        "/api/v1/auth/signup",
        vouched,
        content_type="application/json",
        REMOTE_ADDR="10.0.0.1",
        headers={"X-Forwarded-For": "203.0.113.99"},
    )
    assert AccessRecord.objects.get(user__email=vouched["email"]).ip == "203.0.113.99"


def test_retention_deletes_old_records_only(clara, settings):
    settings.INTEGRITY_ACCESS_RETENTION_DAYS = 30
    now = timezone.now()
    for days in (31, 29, 0):
        with time_machine.travel(now - timedelta(days=days), tick=False):
            AccessRecord.objects.create(user=clara, kind=Kind.LOGIN, ip=HOME)
    assert access_records_expire_due() == 1
    ages = sorted((now - created).days for created in AccessRecord.objects.values_list("created_at", flat=True))
    assert ages == [0, 29]
    assert access_records_expire_due() == 0


def test_the_user_agent_is_kept_as_a_short_family_only():
    assert agent_family("curl/8.5.0") == "curl"
    assert agent_family("Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/126.0 Safari/537.36 Edg/126.0") == (
        "Edge"
    )
    assert agent_family("Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1") == (
        "Safari"
    )
    assert agent_family("acme-sync/1.4 (+https://acme.example/bot; contact: ops@acme.example)") == "acme-sync"
    assert agent_family("") == ""


def test_the_checks_of_a_review_see_the_access_that_wrote_it(client, clara, fred):
    """The address a review is written from is recorded before its checks are queued, in the same transaction, so
    a freelancer met only there is found (it used to be recorded after the checks had run)."""
    AccessRecord.objects.create(user=fred, kind=Kind.LOGIN, door="web", ip=HOME, device="", agent="Firefox")
    client.force_login(clara)
    contract = finished(clara, fred)
    form = {"overall": "5", "went_well": "Solid work.", "would_work_again": "yes"}
    form |= {name: "5" for name in body(CLIENT)["ratings"]}
    assert client.post(f"/contracts/{contract.pk}/review", form, REMOTE_ADDR=HOME).status_code == 302

    conflict = RiskSignal.objects.get(review__contract=contract, kind="conflict")
    assert conflict.evidence["kinds"] == ["ip"] and conflict.score >= 0.5  # queued for a moderator
