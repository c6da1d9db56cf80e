"""/me/notifications: a radio group per kind, saved together; a refused choice re-renders with an error."""

import pytest

from openhour.messaging.notifications.kinds import KINDS
from openhour.messaging.notifications.selectors import preferences_of

pytestmark = pytest.mark.django_db


def test_each_kind_has_a_group_with_its_default_chosen(clara, client_for):
    page = client_for(clara).get("/me/notifications").content.decode()

    assert page.count("<fieldset>") >= len(KINDS)
    assert "<legend>Proposal received</legend>" in page
    assert 'value="email" required id="id_proposal_received_0" checked' in page  # needs action: e-mailed
    assert 'value="in_app" required id="id_proposal_declined_1" checked' in page  # news: in the app


def test_saving_changes_the_channels(clara, client_for):
    choices = {key: "email" for key in KINDS} | {"payout_sent": "off", "hired": "in_app"}

    answer = client_for(clara).post("/me/notifications", choices, follow=True)

    assert "Your notification settings are saved." in answer.content.decode()
    saved = preferences_of(user=clara)
    assert (saved["payout_sent"], saved["hired"], saved["milestone_released"]) == ("off", "in_app", "email")


def test_a_choice_that_is_not_offered_is_refused(clara, client_for):
    choices = {key: "email" for key in KINDS} | {"hired": "sms"}

    answer = client_for(clara).post("/me/notifications", choices)

    assert answer.status_code == 400
    assert "Select a valid choice" in answer.content.decode()
    assert preferences_of(user=clara)["hired"] == "email"


def test_signed_out_people_are_sent_to_sign_in(client):
    assert client.get("/me/notifications").status_code == 302
