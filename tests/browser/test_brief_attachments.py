"""Attachments in a real browser: a client posts a brief with a file (without JavaScript: a plain multipart form),
a freelancer downloads it and sends a proposal with a file, the client downloads that; a signed-out visitor only
learns that files exist, and another freelancer cannot open the proposal's file."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.support import ConsoleWatch, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BRIEF = {"name": "menu-brief.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 the cafe menu brief"}
NOTES = {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"Cakes: lemon, carrot, chocolate."}
SAMPLE = {"name": "past-menus.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 three menus I drew"}


def _post_without_javascript(browser: Browser, base_url: str, clara, shoot) -> str:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    console = ConsoleWatch()
    page = console.watch(context.new_page())
    sign_in(context, base_url, clara)
    page.goto(f"{base_url}/projects/new")
    page.get_by_label("Title").fill("Illustrated menu for a café")
    page.get_by_label("Description").fill("An A3 menu with small drawings of each cake, ready to print.")
    page.get_by_label("Category").select_option(label="Design")
    page.get_by_label("Budget from").fill("250")
    page.get_by_label("Budget up to").fill("400")
    page.get_by_label("Files for the brief (optional)").set_input_files([BRIEF])
    page.get_by_role("button", name="Post project").click()

    expect(page.get_by_text("Your project is posted.")).to_be_visible()
    files = page.get_by_role("region", name="Files")
    expect(files.get_by_role("link", name="menu-brief.pdf")).to_be_visible()
    url = page.url

    page.goto(f"{url}/edit")  # a second file, and the first one offered for removal
    expect(page.get_by_role("group", name="Remove files").get_by_label("menu-brief.pdf")).not_to_be_checked()
    page.get_by_label("Files for the brief (optional)").set_input_files([NOTES])
    shoot(page, "brief-files-edit-no-js")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("region", name="Files").get_by_role("link")).to_have_count(2)
    context.close()
    console.assert_clean()
    return url


def test_brief_and_proposal_files_reach_the_parties_only(
    browser: Browser, page: Page, live_server, console, shoot, clara, fred, olga
):
    from openhour.jobs.models import ProposalFile

    project_url = _post_without_javascript(browser, live_server.url, clara, shoot)

    sign_in(page.context, live_server.url, fred)
    page.goto(project_url)
    files = page.get_by_role("region", name="Files")
    with page.expect_download() as brief:
        files.get_by_role("link", name="menu-brief.pdf").click()
    assert brief.value.suggested_filename == "menu-brief.pdf"
    assert Path(brief.value.path()).read_bytes() == BRIEF["buffer"]
    accessible(page, "brief-files-project", shoot)

    page.goto(f"{project_url}/propose")
    page.get_by_label("Cover letter").fill("I have drawn menus for three cafés; two are attached.")
    page.get_by_label("Your price").fill("300")
    page.get_by_label("Delivery in days").fill("10")
    row = page.get_by_role("group", name="Milestones")
    row.get_by_label("Milestone").first.fill("Sketches and final menu")
    row.get_by_label("Amount").first.fill("300")
    row.get_by_label("Due in days").first.fill("10")
    page.get_by_label("Files (optional)").set_input_files([SAMPLE])
    accessible(page, "brief-files-proposal-form", shoot)
    page.get_by_role("button", name="Send proposal").click()
    expect(page.get_by_text("Your proposal is sent.")).to_be_visible()
    proposal_url = page.url
    stored = ProposalFile.objects.get()

    page.context.clear_cookies()
    page.goto(project_url)  # signed out: told files exist, never shown them
    expect(page.get_by_text("sign in as a freelancer to open them")).to_be_visible()
    expect(page.get_by_role("link", name="menu-brief.pdf")).to_have_count(0)

    sign_in(page.context, live_server.url, olga)
    page.goto(f"{live_server.url}/proposals/files/{stored.pk}")
    expect(page.get_by_role("heading", name="No such file.").or_(page.get_by_text("No such file."))).to_be_visible()
    console.errors = [e for e in console.errors if "status of 404" not in e]  # the refusal answers 404 by design

    page.context.clear_cookies()
    sign_in(page.context, live_server.url, clara)
    page.goto(proposal_url)
    with page.expect_download() as sample:
        page.get_by_role("region", name="Files").get_by_role("link", name="past-menus.pdf").click()
    assert Path(sample.value.path()).read_bytes() == SAMPLE["buffer"]
    accessible(page, "brief-files-proposal", shoot)
