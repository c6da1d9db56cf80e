"""Notifications and e-mails read in the language and time zone of the person they are for, whoever caused them
and whatever language the page or worker that made them was in; earlier notifications still read as written.

Our catalogues are filled elsewhere, so a small one (fr, de) is compiled for these tests with a few of our own
sentences: a text in the sender's or the site's language would not match."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import translation

from conftest import make_user
from openhour.jobs.services.proposals import proposal_decline
from openhour.jobs.tests.proposal_kit import post, send
from openhour.lib.i18n import read_by
from openhour.messaging.conversations.services import message_send
from openhour.messaging.models import Notification
from openhour.messaging.notifications.digest import messages_digest_due
from openhour.messaging.notifications.said import Money, said
from openhour.tests.small_catalogue import use_catalogues

pytestmark = pytest.mark.django_db

SENT_FR = "%(name)s a envoyé une proposition pour « %(title)s »"
DECLINED_FR = "Votre proposition pour « %(title)s » a été refusée"
SENTENCES = {
    "fr": {
        "%(name)s sent a proposal for “%(title)s”": SENT_FR,
        "Your proposal for “%(title)s” was declined": DECLINED_FR,
        "Your payout of %(amount)s is on its way": "Votre virement de %(amount)s est en route",
        "Open it": "Ouvrir",
    },
    "de": {
        ("%(count)d unread message from %(names)s", "%(count)d unread messages from %(names)s"): (
            "%(count)d ungelesene Nachricht von %(names)s",
            "%(count)d ungelesene Nachrichten von %(names)s",
        ),
        "Read and reply": "Lesen und antworten",
    },
}


@pytest.fixture(autouse=True)
def _catalogue(tmp_path: Path, settings) -> None:
    use_catalogues(settings, tmp_path, SENTENCES)


@pytest.fixture
def french_clara(clara):
    clara.language, clara.time_zone = "fr", "Europe/Paris"
    clara.save(update_fields=["language", "time_zone"])
    return clara


def test_what_the_freelancer_does_reaches_the_french_client_in_french_and_him_in_english(
    french_clara, fred, client_for, notice_mail, django_capture_on_commit_callbacks
):
    project = post(french_clara)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):  # Fred's English request
        proposal = send(project, fred)
    with translation.override("fr"):  # Clara's French request
        proposal_decline(proposal_id=proposal.pk, by=french_clara, reason="")

    sent_fr = SENT_FR % {"name": "Fred Freelancer", "title": "Django shop"}
    assert sent_fr in client_for(french_clara).get("/notifications").content.decode()
    (item,) = client_for(french_clara).get("/api/v1/notifications").json()["items"]
    assert item["title"] == sent_fr
    (mail,) = notice_mail(french_clara)
    assert mail.subject == sent_fr and "Ouvrir" in mail.body

    page = client_for(fred).get("/notifications").content.decode()
    assert "Your proposal for “Django shop” was declined" in page
    assert "refusée" not in page


def test_the_same_notification_reads_in_the_language_the_client_now_chose(french_clara, fred, client_for):
    send(post(french_clara), fred)
    sent_fr = SENT_FR % {"name": "Fred Freelancer", "title": "Django shop"}
    assert client_for(french_clara).get("/api/v1/notifications").json()["items"][0]["title"] == sent_fr

    french_clara.language = "en"
    french_clara.save(update_fields=["language"])

    title = client_for(french_clara).get("/api/v1/notifications").json()["items"][0]["title"]
    assert title == "Fred Freelancer sent a proposal for “Django shop”"
    bell = client_for(french_clara).get("/notifications/bell", headers={"HX-Request": "true"}).content.decode()
    assert "Fred Freelancer sent a proposal for “Django shop”" in bell


def test_amounts_and_dates_are_written_when_read(fred):
    payout = said("Your payout of %(amount)s is on its way", amount=Money(123_450, "EUR"))
    with translation.override("en"):
        english = str(payout)
    with translation.override("fr"):
        french = str(payout)

    assert english == "Your payout of €1,234.50 is on its way"
    assert french.startswith("Votre virement de 1") and french.endswith("234,50\xa0€ est en route")


def test_a_digest_sent_by_the_worker_to_a_german_reads_in_german_in_berlin_time(
    fred, notice_mail, settings, django_capture_on_commit_callbacks
):
    settings.MESSAGE_DIGEST_QUIET_MINUTES = 30
    greta = make_user("greta", name="Greta Gast", client=True)
    greta.language, greta.time_zone = "de", "Europe/Berlin"
    greta.save(update_fields=["language", "time_zone"])
    written = datetime(2030, 5, 6, 9, 0, tzinfo=UTC)
    with time_machine.travel(written, tick=False):
        message_send(to=greta, by=fred, text="Hallo Greta")
        message_send(to=greta, by=fred, text="Noch eine Frage")

    later = written + timedelta(minutes=40)
    with (
        time_machine.travel(later, tick=False),
        translation.override("en"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert messages_digest_due() == 1  # the timers' worker: no request, and an English default

    (mail,) = notice_mail(greta)
    assert mail.subject == "2 ungelesene Nachrichten von Fred Freelancer"
    html = mail.alternatives[0][0]
    for text in ("Lesen und antworten", "Hallo Greta"):
        assert text in mail.body and text in html
    sent_at = next(line for line in mail.body.splitlines() if line.startswith("Fred Freelancer ("))
    assert "Mai" in sent_at and "11:00" in sent_at  # 09:00 UTC is 11:00 in Berlin in May


def test_notifications_made_before_read_as_they_were_written(clara, client_for):
    Notification.objects.create(
        user=clara,
        kind="hired",
        written_title="You were hired for “Logo”",
        written_body="Start when you are ready.",
        url="/contracts/1",
    )
    clara.language = "fr"
    clara.save(update_fields=["language"])

    page = client_for(clara).get("/notifications").content.decode()
    assert "You were hired for “Logo”" in page and "Start when you are ready." in page
    (item,) = client_for(clara).get("/api/v1/notifications").json()["items"]
    assert item["title"] == "You were hired for “Logo”"


def test_a_notification_is_not_shown_to_someone_else(french_clara, fred, olga, client_for):
    send(post(french_clara), fred)
    (notification,) = Notification.objects.filter(user=french_clara)

    assert client_for(olga).get("/api/v1/notifications").json()["items"] == []
    assert client_for(olga).get(f"/notifications/{notification.pk}/open").status_code == 404
    with read_by(olga):
        assert notification.title == "Fred Freelancer sent a proposal for “Django shop”"  # no French for Olga
