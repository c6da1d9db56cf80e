"""Saved searches in a real browser. Fred (a freelancer) saves the project search he typed, with instant alerts,
finds it under Account › Saved searches and changes its alert; without JavaScript the same form saves a search.
When Clara (a client) posts a matching project, the alert e-mail's unsubscribe link works for someone who is not
signed in: a page asks first, and one press turns the alert off. Each page passes axe and fits a phone."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from openhour.search.saved.models import SavedSearch
from tests.browser.support import DESKTOP, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fred_saves_a_search_and_manages_it_from_his_account_menu(page: Page, live_server, fred, console, shoot):
    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/projects")
    page.get_by_label("Search", exact=True).fill("django")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"/projects\?q=django&"))
    page.get_by_label("E-mail me new matches").select_option("instant")
    accessible(page, "saved-search-save-form", shoot=shoot)

    page.get_by_role("button", name="Save this search").click()

    expect(page.get_by_text("Search saved as “Projects: django”.")).to_be_visible()
    page.get_by_text("Account", exact=True).click()
    page.get_by_role("link", name="Saved searches").click()
    expect(page.get_by_role("heading", name="Projects: django")).to_be_visible()
    expect(page.get_by_label("E-mail alert for Projects: django")).to_have_value("instant")
    accessible(page, "saved-searches", shoot=shoot)

    page.get_by_label("E-mail alert for Projects: django").select_option("off")
    page.get_by_role("button", name="Change alert").click()

    expect(page.get_by_label("E-mail alert for Projects: django")).to_have_value("off")
    assert SavedSearch.objects.get(owner=fred).alert == "off"
    page.get_by_role("button", name="Show results").click()
    expect(page).to_have_url(f"{live_server.url}/projects?q=django")
    page.goto(f"{live_server.url}/freelancers?skill=django")
    expect(page.get_by_role("button", name="Save this search")).to_be_visible()
    accessible(page, "saved-search-freelancers", shoot=shoot)


def test_without_javascript_the_freelancer_search_is_saved(browser: Browser, live_server, clara):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    sign_in(context, live_server.url, clara)
    page = context.new_page()
    page.goto(f"{live_server.url}/freelancers?skill=django")

    page.get_by_role("button", name="Save this search").click()

    expect(page.get_by_text("Search saved as")).to_be_visible()
    assert SavedSearch.objects.get(owner=clara).query == {"skill": "django"}
    context.close()


def test_the_alerts_unsubscribe_link_asks_then_turns_the_alert_off(
    page: Page, live_server, fred, clara, mailoutbox, console, shoot
):
    from openhour.search.saved.alerts import saved_search_alerts_due
    from openhour.search.saved.services import saved_search_create
    from openhour.search.tests.saved_kit import alerts_to, post

    search = saved_search_create(owner=fred, kind="projects", query={"q": "django"}, alert="instant")
    post(clara, "Django booking site")
    saved_search_alerts_due()
    [mail] = alerts_to(mailoutbox, fred)
    link = mail.extra_headers["List-Unsubscribe"].strip("<>")
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    page.goto(f"{live_server.url}{path}")  # not signed in
    expect(page.get_by_text("Stop e-mails about new matches for “Projects: django”")).to_be_visible()
    accessible(page, "saved-search-unsubscribe", shoot=shoot)
    page.get_by_role("button", name="Stop these e-mails").click()

    expect(page.get_by_role("status")).to_contain_text("we no longer e-mail you about “Projects: django”")
    search.refresh_from_db()
    assert search.alert == "off"
