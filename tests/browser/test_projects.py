"""Projects in a real browser: a client posts one through the form, and the project pages pass axe and fit a phone."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.support import AXE_OPTIONS, PHONE, ConsoleWatch, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def board(clara):
    """Clara (with a company) and a handful of realistic open projects, one of them invite-only and one closed."""
    from openhour.accounts.services import profile_update
    from openhour.jobs.services.projects import project_close, project_post

    profile_update(user=clara, company_name="Clara's Cakes", country="GB")
    soon = timezone.localdate() + timedelta(days=21)
    projects = [
        project_post(
            client=clara,
            title="Checkout and refunds for our Django cake shop",
            description="Our online shop runs on Django 5. We need Stripe checkout with saved cards, refunds from the "
            "admin, and order e-mails.\n\nThe basket and product pages stay as they are. Tests please.",
            category="web-software",
            skills=["python", "django", "api-integration", "postgresql"],
            budget_min=150000,
            budget_max=300000,
            currency="GBP",
            deadline=soon,
            max_proposals=20,
        ),
        project_post(
            client=clara,
            title="Hand-drawn logo for a family bakery",
            description="A warm mark for bags and signs.",
            category="design",
            skills=["logo-design", "illustration", "brand-identity"],
            budget_min=25000,
            budget_max=50000,
            currency="GBP",
        ),
        project_post(
            client=clara,
            title="Weekly sales reports in Excel",
            description="Turn our till exports into a report.",
            category="business-admin",
            skills=["excel", "data-analysis"],
            budget_type="hourly",
            budget_min=2500,
            budget_max=4000,
            currency="EUR",
        ),
        project_post(
            client=clara,
            title="Shop front photos",
            description="Twenty photos of the shop and cakes.",
            category="photography",
            skills=["product-photography"],
            budget_min=40000,
            budget_max=40000,
            currency="GBP",
            visibility="invite_only",
        ),
    ]
    closed = project_post(
        client=clara,
        title="Menu translation",
        description="Into French.",
        category="writing-translation",
        budget_min=8000,
        budget_max=12000,
    )
    project_close(project_id=closed.pk, by=clara, note="Done by a friend.")
    return projects


def _answered_on_purpose(console: ConsoleWatch, url: str, status: int) -> None:
    """Chromium logs any 4xx page as an error; a form with mistakes (400) or a refusal (403) answers so by design."""
    expected = f"{url}: Failed to load resource: the server responded with a status of {status}"
    console.errors = [error for error in console.errors if not error.startswith(expected)]


def _overflow(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def test_a_client_posts_a_project_through_the_form(page: Page, live_server, clara, console, shoot):
    from openhour.jobs.models import Project

    sign_in(page.context, live_server.url, clara)
    page.goto(live_server.url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Post a project").click()
    expect(page.get_by_role("heading", name="Post a project", exact=True)).to_be_visible()

    page.get_by_label("Title").fill("Illustrated menu for a café")
    page.get_by_label("Description").fill("An A3 menu with small drawings of each cake, ready to print.")
    page.get_by_label("Category").select_option(label="Design")
    page.get_by_label("Find a skill").fill("illus")  # the htmx search offers matching skills to tick
    page.locator("#skill-suggestions").get_by_label("Illustration").check()
    page.get_by_text("Browse all skills").click()
    page.get_by_role("group", name="Design").get_by_label("Print Design").check()
    page.get_by_label("Fixed price").check()
    page.get_by_label("Budget from").fill("250")
    page.get_by_label("Budget up to").fill("400.50")
    page.get_by_label("Currency").select_option("EUR")
    deadline = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Deadline (optional)").fill(deadline.isoformat())
    page.get_by_label("Proposal cap (optional)").fill("12")
    shoot(page, "project-new-filled")
    page.get_by_role("button", name="Post project").click()

    expect(page.get_by_role("heading", name="Illustrated menu for a café")).to_be_visible()
    expect(page.get_by_text("Your project is posted.")).to_be_visible()
    expect(page.get_by_text("€250–€400.50")).to_be_visible()
    expect(page.get_by_role("button", name="Edit")).to_be_visible()
    shoot(page, "project-posted")
    project = Project.objects.get()
    assert (project.budget_min, project.budget_max, project.currency) == (25000, 40050, "EUR")
    assert project.deadline == deadline
    assert sorted(project.skills.values_list("slug", flat=True)) == ["illustration", "print-design"]


def test_a_mistake_is_shown_next_to_its_field(page: Page, live_server, clara, console, shoot):
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/projects/new")
    page.get_by_label("Title").fill("Logo")
    page.get_by_label("Description").fill("A logo.")
    page.get_by_label("Category").select_option(label="Design")
    page.get_by_label("Budget from").fill("500")
    page.get_by_label("Budget up to").fill("100")
    page.get_by_role("button", name="Post project").click()

    expect(page.get_by_text("The most you will pay cannot be below the least.")).to_be_visible()
    _answered_on_purpose(console, f"{live_server.url}/projects/new", 400)
    results = Axe().run(page, options=AXE_OPTIONS)
    shoot(page, "project-new-errors")
    assert results.violations_count == 0, results.generate_report()


def test_the_owner_closes_a_project_with_a_note(page: Page, live_server, clara, board, console, shoot):
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/projects/{board[1].pk}")
    page.get_by_text("Close", exact=True).click()  # a <details>: no script needed
    page.get_by_label("Why are you closing it? (optional)").fill("We found a designer at the market.")
    shoot(page, "project-close-open", full_page=False)
    page.get_by_role("button", name="Close the project").click()

    expect(page.get_by_text("The project is closed")).to_be_visible()
    expect(page.get_by_text("We found a designer at the market.")).to_be_visible()
    expect(page.get_by_role("button", name="Edit")).to_have_count(0)


def test_project_search_filters_as_you_type(page: Page, live_server, board, console):
    page.goto(f"{live_server.url}/projects")
    expect(page.get_by_role("heading", name="3 open projects")).to_be_visible()
    page.get_by_label("Search").fill("bakery")  # htmx swaps the results in and updates the address
    expect(page.get_by_role("heading", name="1 open project", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Hand-drawn logo for a family bakery")).to_be_visible()
    assert "q=bakery" in page.url
    page.get_by_label("Search").fill("")
    page.get_by_label("Budget type").select_option("hourly")
    expect(page.get_by_role("link", name="Weekly sales reports in Excel")).to_be_visible()
    expect(page.get_by_role("heading", name="1 open project", exact=True)).to_be_visible()


PAGES = {
    "projects": ("/projects", False),
    "projects-filtered": ("/projects?skill=python&min_budget=100", False),
    "project-new": ("/projects/new", True),
    "project": ("/projects/{first}", False),
    "project-owner": ("/projects/{first}", True),
    "project-edit": ("/projects/{first}/edit", True),
    "projects-home": ("/", True),
}


@pytest.mark.parametrize("name", PAGES)
def test_project_pages_are_accessible_and_fit_a_phone(name, page: Page, live_server, clara, board, console, shoot):
    path, signed_in = PAGES[name]
    path = path.format(first=board[0].pk)
    if signed_in:
        sign_in(page.context, live_server.url, clara)
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
    page.wait_for_load_state("networkidle")

    results = Axe().run(page, options=AXE_OPTIONS)
    shoot(page, f"page-{name}")
    page.set_viewport_size(PHONE)
    shoot(page, f"page-{name}-mobile")
    overflow = _overflow(page)

    assert results.violations_count == 0, f"{path}\n{results.generate_report()}"
    assert overflow <= 0, f"{path} scrolls {overflow}px sideways on a {PHONE['width']}px phone"


def test_refusals_are_accessible(page: Page, live_server, fred, console, shoot):
    sign_in(page.context, live_server.url, fred)
    response = page.goto(f"{live_server.url}/projects/new")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="Add the client role to post projects")).to_be_visible()
    _answered_on_purpose(console, f"{live_server.url}/projects/new", 403)

    results = Axe().run(page, options=AXE_OPTIONS)
    page.set_viewport_size(PHONE)
    shoot(page, "project-new-not-a-client-mobile")
    assert results.violations_count == 0, results.generate_report()
    assert _overflow(page) <= 0

    page.get_by_role("button", name="Also hire freelancers").click()
    expect(page.get_by_role("heading", name="Post a project", exact=True)).to_be_visible()


def test_the_menu_fits_a_phone_for_someone_with_both_roles(page: Page, live_server, fred, console, shoot):
    fred.is_client = True  # the longest menu: find work, find freelancers, post, profile, portfolio, account
    fred.save(update_fields=["is_client"])
    sign_in(page.context, live_server.url, fred)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/projects")

    menu = page.get_by_role("navigation", name="Main")
    menu.get_by_text("Menu", exact=True).click()  # on a phone the links wait behind the menu button
    for name in ("Find work", "Find freelancers", "Post a project", "My profile", "Portfolio"):
        box = menu.get_by_role("link", name=name).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (name, box)
    shoot(page, "menu-both-roles-mobile", full_page=False)
    assert _overflow(page) <= 0
