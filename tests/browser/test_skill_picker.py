"""The skill picker keeps every choice: skills ticked among search suggestions stay chosen through new searches and
an emptied search box, on the profile, project and Hourlie forms, and the picker works without JavaScript."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.support import ConsoleWatch, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Picked one search at a time, as a person looks for each skill: (typed, the skill ticked among the suggestions).
PICKS = [("figm", "Figma"), ("illus", "Illustration"), ("copyw", "Copywriting"), ("seo", "SEO")]
PICKED = {"figma", "illustration", "copywriting", "seo"}


def _pick_four(page: Page) -> None:
    """Each pick is followed by another search, and the box is emptied at the end, as when the defect bit."""
    picker = page.get_by_role("group", name="Skills")
    search = picker.get_by_label("Find a skill")
    for typed, name in PICKS:
        search.fill(typed)
        suggestion = page.locator("#skill-suggestions").get_by_label(name, exact=False)
        expect(suggestion).to_be_visible()
        suggestion.check()
        expect(page.get_by_role("group", name="Chosen skills").get_by_label(name)).to_be_checked()
    search.fill("")
    search.press("Enter")  # looks for nothing; it does not send the form half filled in
    chosen = page.get_by_role("group", name="Chosen skills")
    for _, name in PICKS:
        expect(chosen.get_by_label(name)).to_be_checked()
    search.fill("figm")  # a choice found again is shown ticked, not offered a second time
    expect(page.locator("#skill-suggestions").get_by_label("Figma")).to_be_checked()


@pytest.fixture
def hourlie(fred):
    from openhour.catalog.services.hourlies import hourlie_publish

    basic = {"name": "Basic", "price": 7500, "delivery_days": 2, "revisions": 1, "description": "One page."}
    return hourlie_publish(
        freelancer=fred,
        title="I will design one landing page",
        description="A landing page designed in Figma, ready to build.",
        category="design",
        skills=["ui-design"],
        packages=[basic],
    )


@pytest.fixture
def project(clara):
    from openhour.jobs.services.projects import project_post

    return project_post(
        client=clara,
        title="A leaflet for the bakery",
        description="Two sides of A5 about our cakes.",
        category="design",
        skills=["print-design"],
        budget_min=10000,
        budget_max=20000,
        currency="GBP",
    )


def _profile_skills(fred, *_):
    fred.profile.refresh_from_db()
    return {s.slug for s in fred.profile.skills.all()}


FORMS: dict[str, tuple[str, str, str, Callable[..., set[str]]]] = {
    # form: (who, the page, the save button, the skills stored afterwards)
    "profile": ("fred", "/me/profile", "Save profile", _profile_skills),
    "project": (
        "clara",
        "/projects/{project.pk}/edit",
        "Save changes",
        lambda _, p, __: set(p.skills.values_list("slug", flat=True)),
    ),
    "hourlie": (
        "fred",
        "/hourlies/{hourlie.pk}/edit",
        "Save changes",
        lambda _, __, h: set(h.skills.values_list("slug", flat=True)),
    ),
}


@pytest.mark.parametrize("form", FORMS)
def test_four_skills_picked_with_searches_between_are_all_saved(
    page: Page, live_server, console, shoot, fred, clara, project, hourlie, form
):
    who, path, save, stored = FORMS[form]
    person = {"fred": fred, "clara": clara}[who]
    before = stored(fred, project, hourlie)
    sign_in(page.context, live_server.url, person)
    page.goto(live_server.url + path.format(project=project, hourlie=hourlie))

    _pick_four(page)
    if form == "project":
        accessible(page, "skill-picker-project", shoot)
    page.get_by_role("button", name=save).click()

    expect(page.get_by_role("status")).to_contain_text("saved")
    assert stored(fred, project, hourlie) == before | PICKED


def test_a_chosen_skill_unticked_is_not_saved(page: Page, live_server, console, fred):
    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/me/profile")
    chosen = page.get_by_role("group", name="Chosen skills")
    page.get_by_label("Find a skill").fill("pyth")
    page.locator("#skill-suggestions").get_by_label("Python").uncheck()  # Fred had it; the suggestion shows it ticked
    expect(chosen.get_by_label("Python")).not_to_be_checked()
    page.get_by_label("Find a skill").fill("xero")
    page.locator("#skill-suggestions").get_by_label("Xero").check()
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    assert {s.slug for s in fred.profile.skills.all()} == {"django", "xero"}


def test_the_picker_works_without_javascript(browser: Browser, live_server, fred, shoot):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    console = ConsoleWatch()
    page = console.watch(context.new_page())
    sign_in(context, live_server.url, fred)
    page.goto(f"{live_server.url}/me/profile")

    expect(page.get_by_label("Find a skill")).to_be_hidden()  # it needs a script to find anything
    page.get_by_role("group", name="Chosen skills").get_by_label("Python").uncheck()
    page.get_by_text("Browse all skills").click()  # <details> opens without any script
    page.get_by_role("group", name="Design").get_by_label("Figma").check()
    page.get_by_role("group", name="Marketing").get_by_label("SEO", exact=True).check()
    shoot(page, "skill-picker-no-js")
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.get_by_role("group", name="Chosen skills").get_by_label("Figma")).to_be_checked()
    assert {s.slug for s in fred.profile.skills.all()} == {"django", "figma", "seo"}
    context.close()
    console.assert_clean()
