"""The unsubscribe link works without signing in: GET asks to confirm, POST (the one click mail clients
make) switches that one kind to "in the app only". A tampered link changes nothing."""

import pytest
from django.test import Client

from openhour.messaging.models import NotificationPreference
from openhour.messaging.notifications.mail import unsubscribe_token
from openhour.messaging.notifications.selectors import preferences_of

pytestmark = pytest.mark.django_db


def link(user, kind="proposal_received"):
    return f"/notifications/unsubscribe/{unsubscribe_token(user=user, kind=kind)}"


def test_get_asks_and_post_turns_that_kind_to_in_app_only(clara):
    anonymous = Client(enforce_csrf_checks=True)

    asked = anonymous.get(link(clara))
    assert asked.status_code == 200
    assert "Stop e-mails about “Proposal received” to clara@example.com?" in asked.content.decode()
    assert not NotificationPreference.objects.exists()  # looking is not unsubscribing

    done = anonymous.post(link(clara), {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "we no longer e-mail you about “Proposal received”" in done.content.decode()
    channels = preferences_of(user=clara)
    assert channels["proposal_received"] == "in_app"
    assert channels["hired"] == "email"  # other kinds keep theirs


def test_the_mail_link_unsubscribes(clara, fred, notice_mail, django_capture_on_commit_callbacks):
    from openhour.jobs.tests.proposal_kit import post, send

    with django_capture_on_commit_callbacks(execute=True):
        send(post(clara), fred)
    (mail,) = notice_mail(clara)
    path = mail.extra_headers["List-Unsubscribe"].strip("<>").split("://", 1)[1].split("/", 1)[1]

    assert Client().post("/" + path).status_code == 200
    assert preferences_of(user=clara)["proposal_received"] == "in_app"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_is_refused(method, clara, olga):
    good = unsubscribe_token(user=clara, kind="hired")
    signature = good.rsplit(":", 1)[1]
    forged = f"{unsubscribe_token(user=olga, kind='hired').rsplit(':', 1)[0]}:{signature}"

    for token in (forged, good[:-2] + "xx", "nonsense"):
        answer = getattr(Client(), method)(f"/notifications/unsubscribe/{token}")
        assert answer.status_code == 400, token
    assert not NotificationPreference.objects.exists()


def test_a_link_for_an_unknown_kind_or_a_gone_person_is_not_found(clara):
    assert Client().post(link(clara, kind="no_such_kind")).status_code == 404
    token_link = link(clara)
    clara.is_active = False
    clara.save()
    assert Client().post(token_link).status_code == 404
