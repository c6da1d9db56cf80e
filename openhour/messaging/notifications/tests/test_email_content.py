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
    home = "https://openhour.example/"  # the brand's name in the layout's header and footer
    assert links(mail.body) == [action, unsubscribe, home]
    assert list(dict.fromkeys(links(html))) == [home, action, unsubscribe]
    assert Notification.objects.get(user=clara).emailed_at is not None


def test_a_steps_details_are_in_both_parts_of_the_mail_and_in_the_centre(
    clara, fred, client_for, settings, notice_mail, django_capture_on_commit_callbacks
):
    """A dispute's deadline is in the notification's details: the e-mail (HTML and text) and the centre."""
    from openhour.contracts.disputes.tests.kit import funded, open_dispute

    settings.SITE_URL = "https://openhour.example"
    milestone = funded(clara, fred)
    with django_capture_on_commit_callbacks(execute=True):
        dispute = open_dispute(client_for(clara), milestone).json()

    (mail,) = [m for m in notice_mail(fred) if "dispute" in m.subject]
    html, _mimetype = mail.alternatives[0]
    deadline = "Give your side, with any evidence, by"
    assert deadline in mail.body and deadline in html
    assert links(mail.body)[0] == f"https://openhour.example/disputes/{dispute['id']}"
    assert deadline in client_for(fred).get("/notifications").content.decode()
