"""Numbers that tell one story. The freelancer's fee preview says what the client really pays (their price plus
the client service fee), the same total the client sees on the proposal; "What similar work goes for" compares a
fixed-price GBP project with fixed prices in GBP, never with hourly rates in euros; and one 5-star review reads as
5 stars, with the ranking score named as such and "would hire again" counted plainly."""

import pytest
from playwright.sync_api import Page, expect

from conftest import make_user
from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_freelancer_preview_and_the_client_see_the_same_client_total(
    page: Page, live_server, clara, fred, console, shoot
):
    from openhour.jobs.tests.proposal_kit import post

    project = post(clara)  # fixed price, in GBP
    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/projects/{project.pk}/propose")
    page.get_by_label("Cover letter").fill("I have built many shops like this one, with tests and a clean admin.")
    page.get_by_label("Your price").fill("600")
    page.get_by_label("Delivery in days").fill("14")
    page.get_by_label("Milestone", exact=True).first.fill("Design")
    page.get_by_label("Amount").first.fill("300")
    page.get_by_label("Due in days").first.fill("7")
    page.get_by_label("Milestone", exact=True).nth(1).fill("Build")
    page.get_by_label("Amount").nth(1).fill("300")
    page.get_by_label("Due in days").nth(1).fill("14")
    page.get_by_role("button", name="Preview the fee").click()

    breakdown = page.get_by_role("region", name="Fee breakdown")
    expect(breakdown).to_contain_text("The client pays£630")  # £600 and the 5% client service fee
    expect(breakdown).to_contain_text("£30 client service fee")
    expect(breakdown).not_to_contain_text("Client pays£600")
    expect(breakdown).to_contain_text("You receive£492.50")  # 20% of £500 and 7.5% of £100 out of £600
    accessible(page, "A-proposal-fee-preview", shoot)

    page.get_by_role("button", name="Send proposal").click()
    expect(page.get_by_role("region", name="Fee breakdown")).to_contain_text("The client pays£630")

    client_page = page.context.browser.new_page()
    sign_in(client_page.context, live_server.url, clara)
    client_page.goto(page.url)
    expect(client_page.get_by_role("region", name="What you pay")).to_contain_text("You pay£630")
    expect(client_page.get_by_role("region", name="Fee breakdown")).to_have_count(0)  # the freelancer's own fee
    client_page.close()


def test_what_similar_work_goes_for_compares_like_with_like(page: Page, live_server, clara, fred, console, shoot):
    from openhour.accounts.models import Profile
    from openhour.jobs.tests.proposal_kit import post

    # Plenty of hourly rates in euros in the category, and no fixed-price hires in pounds yet.
    Profile.objects.filter(user=fred).update(hourly_rate=9_000, rate_currency="EUR")
    for name in ("ana", "ben", "cyd"):
        other = make_user(name, name=name.title(), freelancer=True)
        other.profile.skills.set(fred.profile.skills.all())
        Profile.objects.filter(user=other).update(hourly_rate=7_000, rate_currency="EUR")
    project = post(clara)  # fixed price, GBP, in the same category
    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/projects/{project.pk}/propose")

    insight = page.locator(".insight")
    expect(insight).to_contain_text("What similar work goes for")
    expect(insight).to_contain_text("Too few fixed-price projects in this category have been hired in GBP")
    expect(insight).not_to_contain_text("€")
    expect(insight).not_to_contain_text("/hr")
    shoot(page, "A-proposal-insight-fixed-gbp")


def test_one_five_star_review_reads_as_five_stars_on_the_profile(
    page: Page, live_server, clara, fred, olga, console, shoot
):
    from openhour.reviews.tests.test_public_reputation import reviewed

    reviewed(clara, olga, by_client=4)  # the platform mean is below 5
    reviewed(clara, fred, by_client=5)
    page.goto(f"{live_server.url}/u/fred")

    reputation = page.get_by_role("region", name="Reputation as a freelancer")
    expect(reputation.locator(".lead")).to_have_text("★ 5.0 out of 5 from 1 review")
    expect(reputation).to_contain_text("1 of 1 client would hire them again.")
    expect(reputation).to_contain_text("Ranking score: 4.")
    expect(reputation).not_to_contain_text("95% sure")
    accessible(page, "A-profile-one-review", shoot)
    reputation.get_by_role("link", name="How the score is worked out").click()
    expect(page.get_by_role("heading", name="The reputation score")).to_be_visible()
    expect(page.get_by_text("Profiles show the plain count")).to_be_visible()


def test_the_posting_form_compares_the_kind_of_budget_and_currency_chosen(page: Page, live_server, clara, console):
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/projects/new")
    page.get_by_label("Category").select_option("web-software")
    insight = page.locator("#rate-insight")
    expect(insight).to_contain_text("Too few fixed-price projects in this category have been hired in GBP")
    page.get_by_label("Hourly rate").check()
    expect(insight).to_contain_text("Too few freelancers in this category charge by the hour in GBP")
    page.get_by_label("Currency").select_option("EUR")
    expect(insight).to_contain_text("charge by the hour in EUR")
