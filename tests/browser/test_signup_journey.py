"""A new freelancer's first visit, end to end in a real browser.

Sign up, verify the e-mail from the link in the message file, fill the profile (with the htmx skill
search and the browse-all list), upload a photo, add a portfolio sample, and see the public profile.
"""

import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser import pictures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def verification_link(mail_dir: Path) -> str:
    """The first http(s) link in the newest message written by the file-per-message backend."""
    newest = max(mail_dir.glob("*.eml"), key=lambda path: path.name)
    message = message_from_bytes(newest.read_bytes(), policy=policy.default)
    body = message.get_body(preferencelist=("plain", "html"))
    assert body is not None, "the verification e-mail has no body"
    found = re.search(r"https?://[^\s\"'<>]+", body.get_content())
    assert found, "no link in the verification e-mail"
    return found.group(0)


def test_a_freelancer_signs_up_fills_a_profile_and_is_seen_in_public(
    page: Page, live_server, settings, tmp_path, console, shoot
):
    from openhour.accounts.models import User

    settings.SITE_URL = live_server.url  # the mail's link leads to SITE_URL, here the live server
    settings.EMAIL_BACKEND = "openhour.lib.mail.FilePerMessageBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    photo = pictures.save(pictures.portrait(400), tmp_path, "me.png")
    sample = pictures.save(pictures.shop_redesign(), tmp_path, "shop.jpg")

    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Your name").fill("Nadia Novak")
    page.get_by_label("E-mail").fill("nadia@example.com")
    page.get_by_label("Password").fill("a-long-and-unusual-passphrase")
    page.get_by_label("Freelancer: I want to work").check()
    page.locator("#id_accept_terms").check()
    shoot(page, "signup")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("link", name="My profile")).to_be_visible()

    page.goto(verification_link(tmp_path / "mail"))  # the link verifies on GET
    nadia = User.objects.get(email="nadia@example.com")
    assert nadia.emailaddress_set.get().verified

    page.goto(f"{live_server.url}/me/profile")
    expect(page.get_by_role("heading", name="Your profile", exact=True)).to_be_visible()
    page.get_by_label("Headline").fill("Shopify designer for independent brands")
    page.get_by_label("Bio").fill("I design and build online shops that feel like the brand behind them.")
    page.get_by_label("Find a skill").fill("shopi")  # the htmx search offers matching skills to tick
    page.locator("#skill-suggestions").get_by_label("Shopify").check()
    page.get_by_text("Browse all skills").click()
    page.get_by_role("group", name="Design").get_by_label("Web Design").check()
    page.get_by_label("Hourly rate").fill("55")
    page.get_by_label("Currency").select_option("GBP")
    page.get_by_label("Country").select_option(label="United Kingdom")
    shoot(page, "profile-edit")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()

    page.get_by_role("region", name="Photo").get_by_label("Photo").set_input_files(photo)
    page.get_by_role("button", name="Upload photo").click()
    expect(page.get_by_text("Your photo is updated.")).to_be_visible()
    shoot(page, "profile-saved")

    page.get_by_role("link", name="Portfolio").click()
    page.get_by_label("Title").fill("Fern & Field shop redesign")
    page.get_by_label("Description").fill("A calmer home page and product cards: conversion up 18%.")
    page.get_by_label("Image").set_input_files(sample)
    page.get_by_role("button", name="Add to portfolio").click()
    expect(page.get_by_text("Added to your portfolio.")).to_be_visible()
    shoot(page, "portfolio")

    page.get_by_role("link", name="See your public profile").click()
    assert page.url == f"{live_server.url}/u/{nadia.username}"
    expect(page.get_by_role("heading", level=1)).to_have_text("Nadia Novak")
    expect(page.get_by_text("Shopify designer for independent brands")).to_be_visible()
    skills = page.get_by_role("region", name="Skills")
    for skill in ("Shopify", "Web Design"):
        expect(skills.get_by_role("link", name=skill)).to_be_visible()
    expect(page.get_by_text("Fern & Field shop redesign")).to_be_visible()
    for name in ("Nadia Novak", "Fern & Field shop redesign"):  # the photo and the sample
        image = page.get_by_role("img", name=name)
        expect(image).to_be_visible()
        image.scroll_into_view_if_needed()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the image did not load"
    shoot(page, "public-profile")
