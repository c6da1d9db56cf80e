"""Review integrity in a real browser. Olga reports Clara's published review of Fred; the operator finds the
case in the queue, reads it without the star ratings and removes the review citing a content rule; Fred and
Clara read the decision and Clara appeals. A visitor reads the transparency report. The operator warns Fred,
citing the case, and the warning shows on his public profile. Fred asks an off-platform client for a
testimonial and the client opens the signed link. Every page passes axe and fits a phone."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from tests.browser.support import PHONE, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLARA_WENT_WELL = "Fred answered every message and his phone number is 07700 900123, call him any time."
FLAG_TEXT = "The review publishes a private phone number."
DECISION = "The review publishes a private phone number, which breaks the personal data rule."
APPEAL = "Fred gave me that number for clients; I wrote the review in good faith."
WARNING_REASON = "You asked a client to publish your private contact details in a review."


def _window(page: Page, live_server, console, user=None) -> Page:
    """A fresh browser window (its own cookies), signed in as `user` when given, watched for console errors."""
    other = page.context.browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    console.watch(other)
    if user is not None:
        sign_in(other.context, live_server.url, user)
    return other


def _published_review(clara, fred):
    from openhour.reviews.models import Review
    from openhour.reviews.services import reviews as services
    from openhour.reviews.tests.kit import body, finished

    contract = finished(clara, fred)
    review = services.review_submit(
        contract_id=contract.pk, by=clara, data=body("client", 2, went_well=CLARA_WENT_WELL)
    )
    services.review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", 4))
    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED
    return review


def test_report_moderate_decide_and_appeal_a_review(
    page: Page, live_server, clara, fred, olga, operator, console, shoot
):
    from openhour.reviews.integrity.models import Case

    review = _published_review(clara, fred)
    url = live_server.url

    # Olga reports the review from its page.
    olga_page = _window(page, live_server, console, olga)
    olga_page.goto(f"{url}/reviews/{review.pk}")
    olga_page.get_by_role("link", name="Report this review").click()
    expect(olga_page).to_have_url(f"{url}/reviews/{review.pk}/flag")
    expect(olga_page.get_by_role("heading", name="Report a review", level=1)).to_be_visible()
    accessible(olga_page, shoot=shoot, what="review-flag")
    olga_page.get_by_role("group", name="What is wrong with it?").get_by_label("Personal data", exact=True).check()
    olga_page.get_by_label("Tell us more").fill(FLAG_TEXT)
    olga_page.get_by_role("button", name="Send the report").click()
    expect(olga_page.get_by_text("Thank you: a moderator will check this review.")).to_be_visible()
    case = Case.objects.get(review=review)

    # The operator: the queue, then the case without star ratings, then the decision.
    sign_in(page.context, url, operator)
    page.goto(f"{url}/operations/moderation")
    expect(page.get_by_role("heading", name="Reviews to moderate", level=1)).to_be_visible()
    accessible(page, shoot=shoot, what="moderation-queue")
    page.get_by_role("link", name="Clara Client on Fred Freelancer").click()
    expect(page).to_have_url(f"{url}/operations/moderation/{case.pk}")
    expect(page.get_by_role("heading", name=f"Moderation case #{case.pk}", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Reports")).to_contain_text(FLAG_TEXT)
    expect(page.locator("#ratings")).to_have_count(0)
    expect(page.get_by_text("2 out of 5")).to_have_count(0)
    expect(page.get_by_role("link", name="Show the ratings")).to_be_visible()
    accessible(page, shoot=shoot, what="moderation-case")
    decide = page.get_by_role("region", name="Decide")
    decide.get_by_role("group", name="Decision").get_by_label("Remove", exact=True).check()
    decide.get_by_label("Content rule broken (for a removal)").select_option("personal_data")
    decide.get_by_label("Written reason (both parties read it)").fill(DECISION)
    decide.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The decision is recorded and both parties are told the reason.")).to_be_visible()
    expect(page.get_by_role("region", name="The decision", exact=True)).to_contain_text(DECISION)

    # Fred reads the decision; he may appeal too, but does not.
    fred_page = _window(page, live_server, console, fred)
    fred_page.goto(f"{url}/moderation/{case.pk}")
    decision = fred_page.get_by_role("region", name="The decision", exact=True)
    expect(decision).to_contain_text("The review is removed.")
    expect(decision).to_contain_text("Personal data")
    expect(decision).to_contain_text(DECISION)

    # Clara reads it and appeals once.
    clara_page = _window(page, live_server, console, clara)
    clara_page.goto(f"{url}/moderation/{case.pk}")
    expect(clara_page.get_by_role("region", name="The decision", exact=True)).to_contain_text("The review is removed.")
    accessible(clara_page, shoot=shoot, what="moderation-decision")
    clara_page.get_by_label("Why is the decision wrong?").fill(APPEAL)
    clara_page.get_by_role("button", name="Appeal the decision").click()
    expect(clara_page.get_by_text("Your appeal is sent: a different moderator decides")).to_be_visible()
    expect(clara_page.get_by_role("button", name="Appeal the decision")).to_have_count(0)
    accessible(clara_page, what="moderation-appealed")
    case.refresh_from_db()
    assert case.status == Case.Status.APPEALED

    # Olga, a bystander, finds nothing at the decision page or in the queue.
    # (through Django's test client: a 404 page in the browser would log a console error)
    bystander = Client()
    bystander.force_login(olga)
    assert bystander.get(f"/moderation/{case.pk}").status_code == 404
    assert bystander.get("/operations/moderation").status_code == 404

    # The operator warns Fred, citing the case; the warning shows on his public profile.
    page.goto(f"{url}/operations/sanctions/new?user=fred")
    expect(page.get_by_role("heading", name="Sanction Fred Freelancer", level=1)).to_be_visible()
    accessible(page, shoot=shoot, what="sanction-new")
    page.get_by_role("group", name="Sanction").get_by_label("Public warning", exact=True).check()
    page.get_by_label("Reason (the person reads it)").fill(WARNING_REASON)
    page.get_by_role("group", name="Evidence: moderation cases").get_by_label(
        f"Case #{case.pk}: Clara Client about Fred Freelancer", exact=False
    ).check()
    page.get_by_role("button", name="Impose the sanction").click()
    expect(page.get_by_text("The sanction is imposed and Fred Freelancer was told.")).to_be_visible()
    expect(page.get_by_role("heading", name="Public warning for Fred Freelancer", level=1)).to_be_visible()

    visitor = _window(page, live_server, console)
    visitor.goto(f"{url}/u/fred")
    warning = visitor.get_by_role("note")
    expect(warning).to_contain_text("Warning: this account manipulated reviews")
    expect(warning).to_contain_text("A moderator found this account manipulating reviews")
    expect(warning).not_to_contain_text(WARNING_REASON)  # written to Fred, not to the public
    accessible(visitor, shoot=shoot, what="profile-warning")


def test_the_transparency_report_for_a_visitor(page: Page, live_server, clara, fred, olga, operator, console, shoot):
    from openhour.reviews.integrity.tests.moderation_kit import decided, flagged

    decided(flagged(_published_review(clara, fred), olga), operator)  # one removal this quarter, so rows show
    page.goto(f"{live_server.url}/trust/transparency")
    expect(page.get_by_role("heading", name="Transparency report", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Removed, by rule")).to_be_visible()
    # Photographed before the checks, so the pictures exist even while axe still finds something to fix.
    shoot(page, "transparency")
    page.set_viewport_size(PHONE)
    shoot(page, "transparency-phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    accessible(page, what="transparency")


def test_a_testimonial_is_asked_for_then_confirmed_through_the_signed_link(
    page: Page, live_server, fred, clara, console, shoot
):
    from openhour.reviews.integrity.models import Testimonial
    from openhour.reviews.integrity.services.testimonials import token_for

    url = live_server.url
    sign_in(page.context, url, fred)
    page.goto(f"{url}/me/testimonials")
    expect(page.get_by_role("heading", name="Testimonials from clients off the platform", level=1)).to_be_visible()
    page.get_by_label("Your client's name").fill("Petra Past")
    page.get_by_label("Your client's e-mail address").fill("petra@example.com")
    page.get_by_label("A short personal message").fill("Petra, would you describe the shop we built in 2024?")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is on its way.")).to_be_visible()
    expect(page.get_by_role("region", name="Your requests")).to_contain_text("petra@example.com")
    accessible(page, shoot=shoot, what="testimonials-mine")

    testimonial = Testimonial.objects.get(freelancer=fred)
    client = _window(page, live_server, console)
    client.goto(f"{url}/testimonials/confirm/{token_for(testimonial)}")
    expect(client.get_by_role("heading", name="A testimonial for Fred Freelancer", level=1)).to_be_visible()
    expect(client.get_by_text("Hello Petra Past")).to_be_visible()
    accessible(client, shoot=shoot, what="testimonial-confirm")
    client.get_by_label("Your testimonial").fill("Fred built our shop on time and explained every step to us.")
    client.get_by_label("Overall rating (optional)").select_option("5")
    client.get_by_role("button", name="Confirm the testimonial").click()
    expect(client.get_by_text("Thank you")).to_be_visible()
    accessible(client, what="testimonial-confirmed")

    # Clara, who is no freelancer, has no testimonials page.
    other = Client()
    other.force_login(clara)
    assert other.get("/me/testimonials").status_code == 404
