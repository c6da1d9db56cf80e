"""A notification e-mail: HTML and plain text, the title as subject, one link to act on, and a signed
one-click unsubscribe link in the footer and the List-Unsubscribe headers."""

import re

import pytest

from openhour.jobs.tests.proposal_kit import post, send
from openhour.messaging.models import Notification

pytestmark = pytest.mark.django_db


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)


def test_the_mail_has_html_and_text_with_one_link_to_act_on(
    clara, fred, settings, notice_mail, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://openhour.example"
    with django_capture_on_commit_callbacks(execute=True):
        proposal = send(post(clara), fred)

    (mail,) = notice_mail(clara)
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html"
    assert mail.subject == "Fred Freelancer sent a proposal for “Django shop”"
    assert "Hello Clara Client," in mail.body and "Hello Clara Client," in html
    action = f"https://openhour.example/proposals/{proposal.pk}"
    unsubscribe = mail.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith("https://openhour.example/notifications/unsubscribe/")
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert links(mail.body) == [action, unsubscribe]
    assert links(html) == [action, unsubscribe]
    assert Notification.objects.get(user=clara).emailed_at is not None
