"""Every e-mail the market sends wears its brand: the site's name, HTML and plain text, links to SITE_URL, and no
stock text from the authentication library ("Hello from 127.0.0.1:8000!", "example.com").

Each mail is triggered the way a person triggers it (sign-up, a reset, a notification, a digest, ...) and read from
Django's test outbox, with SITE_URL on another address than the development default."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import allauth
import pytest
import time_machine
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.cache import cache

from conftest import PASSWORD
from openhour.accounts.models import User
from openhour.operations.branding import CACHE_KEY

pytestmark = pytest.mark.django_db

SITE = "https://market.test"
NAME = "Market Test"
NEWCOMER = {
    "name": "Nina Newcomer",
    "email": "nina@mail.test",
    "password1": "plum-orchard-lantern-42",
    "role": "client",
    "accept_terms": "on",
}
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
OUR_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@pytest.fixture(autouse=True)
def market(settings: Any) -> None:
    settings.SITE_URL = SITE
    settings.SITE_NAME = NAME
    cache.delete(CACHE_KEY)  # the brand is read again, with this SITE_NAME


def html_of(message: Any) -> str:
    alternatives = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert alternatives, f"{message.subject!r} has no HTML part"
    return str(alternatives[0])


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", text)


def assert_branded(message: Any, *, named: tuple[str, ...] = ()) -> None:
    """The market's name and links, in both parts; nothing of the library's stock mail or the default address.
    `named`: addresses the mail names as text (a webhook's receiver), not links to follow."""
    html = html_of(message)
    assert message.subject.strip() and NAME in message.body and NAME in html
    assert message.from_email.startswith(f"{NAME} <")  # the inbox names the market
    assert '<html lang="en" dir="ltr">' in html and "<title>" in html
    for part in (message.subject, message.body, html):
        assert "Hello from" not in part and "Thank you for using" not in part
        assert "://127.0.0.1" not in part and "testserver" not in part  # the IP a sign-in came from may be named
        rest = part
        for address in message.to:
            rest = rest.replace(address, "")  # the person's own address may be named; no other example.com
        assert "example.com" not in rest
    for link in set(links(message.body) + links(html)) - set(named):
        assert link.startswith(SITE + "/"), f"{message.subject!r} links elsewhere: {link}"


def on_site_path(link: str) -> str:
    assert link.startswith(SITE + "/")
    parts = urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# ---- the authentication library's mails ------------------------------------------------------------------


def test_the_sign_up_mail_welcomes_by_name_and_its_link_confirms_the_address(client, mailoutbox):
    assert client.post("/accounts/signup/", NEWCOMER).status_code == 302

    (message,) = mailoutbox
    assert_branded(message)
    assert message.subject == f"[{NAME}] Confirm your e-mail address"
    assert message.body.startswith(f"Hello Nina Newcomer,\n\nWelcome to {NAME}!")
    (link,) = [url for url in links(message.body) if "/confirm-email/" in url]
    assert link in html_of(message)
    client.get(on_site_path(link))
    assert EmailAddress.objects.get(email="nina@mail.test").verified


def test_the_sign_up_mail_from_the_api_is_the_same(client, mailoutbox):
    body = {"email": "nina@mail.test", "password": "plum-orbit-lantern-42", "name": "Nina New", "role": "freelancer"}
    assert client.post("/api/v1/auth/signup", body, content_type="application/json").status_code == 201

    (message,) = mailoutbox
    assert_branded(message)
    assert message.body.startswith("Hello Nina New,")


def test_the_password_reset_mail_links_to_the_market(client, clara, mailoutbox):
    assert client.post("/accounts/password/reset/", {"email": clara.email}).status_code == 302

    (message,) = mailoutbox
    assert_branded(message)
    assert message.subject == f"[{NAME}] Reset your password"
    (link,) = [url for url in links(message.body) if "/password/reset/key/" in url]
    assert client.get(on_site_path(link)).status_code in (200, 302)  # the key is good: on to choosing a password


def test_a_password_change_sends_a_branded_security_notice(
    client_for, fred, mailoutbox, django_capture_on_commit_callbacks
):
    new = "another-long-passphrase-7"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(fred).post(
            "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": new, "password2": new}
        )

    (notice,) = [m for m in mailoutbox if m.subject.startswith(f"Security notice from {NAME}")]
    assert_branded(notice)
    assert f"{SITE}/me/security" in notice.body and f"{SITE}/me/security" in html_of(notice)


STOCK_CONTEXT = {
    "activate_url": "http://testserver/accounts/confirm-email/KEY/",
    "password_reset_url": "http://testserver/accounts/password/reset/key/1-KEY/",
    "signup_url": "http://testserver/accounts/signup/",
    "code": "ABC123",
    "from_email": "old@mail.test",
    "to_email": "new@mail.test",
    "deleted_email": "gone@mail.test",
    "timestamp": datetime(2030, 5, 6, 9, 0, tzinfo=UTC),
    "ip": "203.0.113.9",
    "user_agent": "Firefox on Linux",
}


def allauth_mails() -> list[str]:
    """Every mail the installed authentication apps can send, as template prefixes ("account/email/login_code")."""
    found = []
    for app in ("account", "mfa", "socialaccount"):
        if apps.is_installed(f"allauth.{app}"):
            found += [
                f"{app}/email/{path.name[: -len('_subject.txt')]}"
                for path in (ALLAUTH_TEMPLATES / app / "email").glob("*_subject.txt")
            ]
    return sorted(found)


def test_every_mail_of_the_authentication_library_has_our_subject_text_and_html():
    prefixes = allauth_mails()
    assert "account/email/email_confirmation_signup" in prefixes and "mfa/email/totp_activated" in prefixes
    for prefix in prefixes:
        for part in ("_subject.txt", "_message.txt", "_message.html"):
            assert (OUR_TEMPLATES / f"{prefix}{part}").exists(), f"{prefix}{part} is the library's stock text"


@pytest.mark.parametrize("prefix", allauth_mails())
def test_each_mail_of_the_authentication_library_is_branded(prefix, clara, mailoutbox):
    EmailAddress.objects.filter(user=clara).update(email="clara@mail.test")
    User.objects.filter(pk=clara.pk).update(email="clara@mail.test")

    get_adapter().send_mail(prefix, "clara@mail.test", dict(STOCK_CONTEXT))

    (message,) = mailoutbox
    assert_branded(message)
    assert message.subject.startswith(f"[{NAME}] ")
    assert "Hello Clara Client," in message.body
    stock_subject = (ALLAUTH_TEMPLATES / f"{prefix}_subject.txt").read_text()
    assert message.subject.split("] ", 1)[1] not in stock_subject


# ---- the market's own mails -------------------------------------------------------------------------------


def test_a_notification_mail_is_branded_with_its_action_and_unsubscribe_link(
    clara, mailoutbox, django_capture_on_commit_callbacks
):
    from openhour.messaging.notifications.services import notification_send

    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            user=clara, kind="proposal_received", title="Fred sent a proposal", url="/projects", source="t:1"
        )

    (message,) = mailoutbox
    assert_branded(message)
    assert f"{SITE}/projects" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{SITE}/notifications/unsubscribe/")


def test_the_digest_of_unread_messages_is_branded(
    clara, fred, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from openhour.messaging.conversations.services import message_send
    from openhour.messaging.notifications.digest import messages_digest_due

    settings.MESSAGE_DIGEST_QUIET_MINUTES = 30
    start = datetime(2030, 5, 6, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        message_send(to=clara, by=fred, text="Can we talk about the budget?")
    with time_machine.travel(start + timedelta(hours=1), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert messages_digest_due() == 1

    (message,) = mailoutbox
    assert_branded(message)
    assert "Can we talk about the budget?" in message.body and "Can we talk about the budget?" in html_of(message)


def test_a_testimonial_request_is_branded(fred, mailoutbox, django_capture_on_commit_callbacks):
    from openhour.reviews.integrity.services import testimonials

    with django_capture_on_commit_callbacks(execute=True):
        testimonials.testimonial_request(
            freelancer=fred, client_name="Carol Shop", client_email="carol@shop.test", message="A few words?"
        )

    (message,) = mailoutbox
    assert_branded(message)
    assert message.body.startswith("Hello Carol Shop,")
    assert f"{SITE}/testimonials/confirm/" in html_of(message)


def test_a_suspension_kept_out_of_e_mail_is_mailed_branded(
    operator, fred, clara, mailoutbox, django_capture_on_commit_callbacks
):
    from openhour.lib.process import FREELANCER
    from openhour.messaging.notifications.services import preferences_set
    from openhour.reviews.integrity.models import Case
    from openhour.reviews.integrity.services import sanctions
    from openhour.reviews.integrity.services.moderation import case_open
    from openhour.reviews.models import Review
    from openhour.reviews.services.reviews import review_submit
    from openhour.reviews.tests.kit import body, finished

    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER, 5, went_well="Copied words."))
    case = case_open(review=Review.objects.get(author=fred), source=Case.Source.AUTOMATIC)
    preferences_set(user=fred, channels={"sanction": "in_app"})
    with django_capture_on_commit_callbacks(execute=True):
        sanctions.sanction_impose(
            user=fred, kind="suspension", reason="Copied reviews.", evidence_case_ids=[case.pk], by=operator
        )

    (message,) = mailoutbox
    assert_branded(message)
    assert "Reason: Copied reviews." in message.body
    assert any("?token=" in link for link in links(html_of(message)))


def test_a_turned_off_webhook_is_told_to_its_owner_in_a_branded_mail(
    fred, mailoutbox, django_capture_on_commit_callbacks
):
    from openhour.webhooks.models import Endpoint
    from openhour.webhooks.services.endpoints import endpoint_disable

    endpoint = Endpoint.objects.create(
        owner=fred, url="https://hooks.shop.test/in", events=["contract.created"], secret="s"
    )
    endpoint.failures_in_a_row = 5
    with django_capture_on_commit_callbacks(execute=True):
        endpoint_disable(endpoint=endpoint)

    (message,) = mailoutbox
    assert_branded(message, named=(endpoint.url,))
    assert f"{SITE}/me/webhooks/{endpoint.pk}" in links(message.body)
