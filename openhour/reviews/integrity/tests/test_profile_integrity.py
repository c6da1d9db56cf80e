"""The public profile shows a sanctioned person's warning and a freelancer's confirmed off-platform
testimonials, labelled as such; nothing of either while there is none."""

from typing import Any

import pytest

from openhour.reviews.integrity.services import testimonials
from openhour.reviews.integrity.tests.test_sanctions import impose

pytestmark = pytest.mark.django_db

WARNING = "Warning: this account manipulated reviews"


def test_a_warning_shows_on_the_profile_but_not_the_reason_addressed_to_the_person(
    client: Any, operator: Any, fred: Any, evidence: Any
) -> None:
    assert WARNING not in client.get("/u/fred").content.decode()
    impose(operator, fred, evidence, reason="Copied another freelancer's reviews.")
    page = client.get("/u/fred").content.decode()
    assert WARNING in page and "A moderator found this account manipulating reviews" in page
    assert "Copied another freelancer" not in page  # the stated reason is written to Fred, in his notice
    assert WARNING not in client.get("/u/clara").content.decode()


def test_a_confirmed_testimonial_shows_labelled_and_a_requested_one_does_not(client: Any, fred: Any) -> None:
    asked = testimonials.testimonial_request(
        freelancer=fred, client_name="Carol Shop", client_email="carol@shop.example", message="A few words?"
    )
    assert "Off-platform, e-mail confirmed" not in client.get("/u/fred").content.decode()
    testimonials.testimonial_confirm(token=testimonials.token_for(asked), text="Fred rebuilt our booking system.")
    page = client.get("/u/fred").content.decode()
    assert "Off-platform, e-mail confirmed" in page and "Fred rebuilt our booking system." in page
