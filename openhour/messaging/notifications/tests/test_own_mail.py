"""A step that tells people with its own details (here: a dispute opening) sends exactly one mail per event,
and only as the person's preference for that kind allows; the notification is in the centre either way."""

import pytest

from openhour.contracts.disputes.tests.kit import funded, open_dispute
from openhour.messaging.models import Notification
from openhour.messaging.notifications.services import preferences_set

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("channel", "mails"), [("email", 1), ("in_app", 0), ("off", 0)])
def test_one_mail_per_event_as_the_preference_says(
    channel, mails, clara, fred, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    preferences_set(user=fred, channels={"dispute_opened": channel})
    milestone = funded(clara, fred)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert open_dispute(client_for(clara), milestone).status_code == 201
    assert len([m for m in mailoutbox if fred.email in m.to]) == mails
    in_centre = Notification.objects.filter(user=fred, kind="dispute_opened").count()
    assert in_centre == (0 if channel == "off" else 1)
