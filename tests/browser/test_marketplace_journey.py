"""The whole marketplace in a real browser: a client posts a project, a matching freelancer finds it in
their feed and sends a proposal with milestones, and the client hires them into a contract.

Only the two people (and one published service) are set up directly; everything else happens through
the pages, and each step is checked for what a person sees, for axe violations and by a screenshot.
"""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import make_user
from tests.browser.support import AXE_OPTIONS, ConsoleWatch, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Booking system for our climbing gym"


@pytest.fixture
def people(db):
    """A verified client and a verified Django freelancer, with one published service of hers."""
    from openhour.accounts.services import profile_update
    from openhour.catalog.services.hourlies import hourlie_publish

    client = make_user("petra", name="Petra Holt", client=True)
    profile_update(user=client, company_name="Crux Climbing", country="GB")
    freelancer = make_user("nina", name="Nina Okafor", freelancer=True)
    profile_update(
        user=freelancer,
        headline="Python and Django developer",
        bio="I build calm, well-tested web applications for small businesses.",
        skills=["python", "django"],
        hourly_rate=5000,
        rate_currency="GBP",
        country="GB",
        languages=["en"],
    )
    service = hourlie_publish(
        freelancer=freelancer,
        title="I will add Stripe payments to your Django site",
        description="Checkout, refunds and receipts, with tests.",
        category="web-software",
        skills=["python", "django"],
        currency="GBP",
        packages=[
            {
                "name": "Basic",
                "price": 20000,
                "delivery_days": 5,
                "revisions": 1,
                "description": "One-off payments with Stripe Checkout.",
            }
        ],
    )
    return client, freelancer, service


def _axe(page: Page, where: str) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{where}\n{results.generate_report()}"


def test_a_client_hires_a_freelancer_who_found_the_project_in_her_feed(
    page: Page, browser, browser_context_args, live_server, people, console, shoot
):
    from openhour.catalog.models import Skill

    client, freelancer, service = people
    django_group = Skill.objects.select_related("category").get(slug="django").category.name

    # 1. The client posts a project through the form.
    sign_in(page.context, live_server.url, client)
    page.goto(f"{live_server.url}/projects/new")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Description").fill(
        "Members should book a wall slot and pay online. We run Django 5 on PostgreSQL; tests please."
    )
    page.get_by_label("Category").select_option("web-software")
    page.get_by_label("Find a skill").fill("pyth")
    page.locator("#skill-suggestions").get_by_label("Python").check()
    page.get_by_text("Browse all skills").click()
    page.get_by_role("group", name=django_group).get_by_label("Django", exact=True).check()
    page.get_by_label("Fixed price").check()
    page.get_by_label("Budget from").fill("500")
    page.get_by_label("Budget up to").fill("800")
    page.get_by_label("Currency").select_option("GBP")
    page.get_by_label("Public: any freelancer can find it").check()
    page.get_by_role("button", name="Post project").click()

    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Your project is posted.")).to_be_visible()
    expect(page.get_by_text("£500–£800")).to_be_visible()
    project_url = page.url

    # 2. The freelancer, in her own browser, finds it in her feed with the reasons.
    context = browser.new_context(**browser_context_args)
    watch = ConsoleWatch()
    context.on("page", watch.watch)
    try:
        sign_in(context, live_server.url, freelancer)
        nina = context.new_page()
        nina.goto(live_server.url)
        nina.get_by_role("navigation", name="Main").get_by_role("link", name="For you").click()
        expect(nina.get_by_role("heading", name="Projects for you")).to_be_visible()
        reasons = nina.get_by_role("list", name="Why it is here")
        expect(reasons.get_by_text("Matches 2 of your skills: Django, Python")).to_be_visible()
        expect(reasons.get_by_text("Posted today")).to_be_visible()
        nina.wait_for_load_state("networkidle")
        shoot(nina, "journey-feed")
        _axe(nina, "/feed")

        # 3. She opens the project and sends a proposal with two milestones.
        nina.get_by_role("link", name=TITLE).click()
        expect(nina.get_by_role("heading", name=TITLE)).to_be_visible()
        nina.get_by_role("button", name="Send a proposal").click()
        expect(nina.get_by_role("heading", name="Send a proposal")).to_be_visible()
        nina.get_by_label("Cover letter").fill(
            "I have built two booking systems in Django, one for a yoga studio.\n\n"
            "I would start with the slot calendar, then add Stripe payments."
        )
        nina.get_by_label("Your price").fill("600")
        nina.get_by_label("Delivery in days").fill("21")
        rows = nina.locator(".milestone-row")
        for index, (title, amount, days) in enumerate([("Slot calendar", "250", "10"), ("Payments", "350", "21")]):
            rows.nth(index).get_by_label("Milestone").fill(title)
            rows.nth(index).get_by_label("Amount").fill(amount)
            rows.nth(index).get_by_label("Due in days").fill(days)
        nina.get_by_role("button", name="Preview the fee").click()

        breakdown = nina.get_by_role("region", name="Fee breakdown")
        expect(breakdown).to_be_visible()
        expect(breakdown).to_contain_text("Your price£600")
        expect(breakdown).to_contain_text("The client pays£630")  # the price and the 5% client service fee
        expect(breakdown).to_contain_text("Your service fee£107.50")  # 20% of £500 and 7.5% of £100
        expect(breakdown).to_contain_text("You receive£492.50")
        expect(nina.locator(".milestone-row").nth(1).get_by_label("Milestone")).to_have_value("Payments")
        shoot(nina, "journey-proposal-preview")
        _axe(nina, "proposal form")
        nina.get_by_role("button", name="Send proposal").click()

        expect(nina.get_by_text("Your proposal is sent. The client will be told.")).to_be_visible()
        expect(nina.get_by_role("heading", name="Proposal from Nina Okafor")).to_be_visible()
        expect(nina.locator(".page-head .badge")).to_have_text("Submitted")
    finally:
        context.close()
    watch.assert_clean()

    # 4. The client compares the proposals, opens Nina's and hires her.
    page.goto(project_url)
    page.get_by_role("link", name="1 proposal").click()
    expect(page.get_by_role("heading", name="Proposals")).to_be_visible()
    card = page.locator(".proposal-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Submitted")
    expect(card).to_contain_text("2 matching skills")
    expect(card).to_contain_text("£600")
    expect(card).to_contain_text("21 days")
    expect(card).to_contain_text("2 milestones")
    shoot(page, "journey-proposals")
    _axe(page, "proposal list")

    card.get_by_role("link", name="Nina Okafor").click()
    expect(page.get_by_role("heading", name="Proposal from Nina Okafor")).to_be_visible()
    expect(page.get_by_role("row", name="Slot calendar £250 10")).to_be_visible()
    expect(page.get_by_role("region", name="Fee breakdown")).to_have_count(0)  # that is for the freelancer
    page.get_by_role("button", name="Hire").click()
    page.get_by_role("button", name="Confirm and hire Nina Okafor").click()

    expect(page.get_by_text("You hired Nina Okafor. Fund the first milestone to start the work.")).to_be_visible()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator(".page-head .badge")).to_have_text("Active")
    for title, amount, days in (("Slot calendar", "£250", 10), ("Payments", "£350", 21)):
        due = (timezone.localdate() + timedelta(days=days)).strftime("%-d %b %Y")  # due dates count from the hire
        expect(page.get_by_role("row", name=f"{title} {amount} {due} Awaiting funding")).to_be_visible()
    expect(page.get_by_role("row", name="Total £600")).to_be_visible()
    shoot(page, "journey-contract")
    _axe(page, "contract")
    assert "/contracts/" in page.url

    # 5. Nina's published service, as the client sees it.
    page.goto(f"{live_server.url}/hourlies/{service.pk}")
    expect(page.get_by_role("heading", name="I will add Stripe payments to your Django site")).to_be_visible()
    expect(page.get_by_text("Nina Okafor").first).to_be_visible()
    shoot(page, "journey-hourlie")
