"""The brand an operator sets shows wherever the market names itself: the header, page titles, the footer, e-mails,
badges and signed files; until they set one, SITE_NAME from the environment does. Its colours reach pages through
a stylesheet of its own, read from the cache, so a page costs no query for the brand once it has been read."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD
from openhour.operations.branding import brand
from openhour.operations.tests.branding_kit import GOOD_ACCENT, GOOD_PRIMARY, save_brand
from openhour.reviews import signing

pytestmark = pytest.mark.django_db

SIGNUP = {
    "name": "Nina Newcomer",
    "email": "nina@example.com",
    "password1": "plum-orchard-42",
    "role": "client",
    "accept_terms": "on",
}


@pytest.fixture
def acme(client_for, operator):
    """Acme Hours, as its operator set it in the admin."""
    response = save_brand(
        client_for(operator),
        name="Acme Hours",
        primary_colour=GOOD_PRIMARY,
        accent_colour=GOOD_ACCENT,
        support_email="help@acme.example",
        links=[("Terms", "/pages/terms"), ("Privacy", "https://acme.example/privacy")],
    )
    assert response.status_code == 302, response.content.decode()
    return brand()


def title_of(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found
    return found.group(1)


def nav_brand(html: str) -> str:
    found = re.search(r'<a href="/" class="brand">(.*?)</a>', html, re.S)
    assert found
    return found.group(1)


def test_without_a_brand_the_market_is_named_by_site_name(client, db, settings):
    html = client.get("/").content.decode()

    assert title_of(html).endswith("· openhour")
    assert nav_brand(html) == "openhour"
    assert "brand-logo" not in html

    settings.SITE_NAME = "Plumbers Direct"
    html = Client().get("/").content.decode()
    assert nav_brand(html) == "Plumbers Direct"  # a changed environment shows, cached brand or not


def test_the_name_an_operator_sets_shows_in_the_header_title_and_footer(client, acme):
    html = client.get("/projects").content.decode()

    assert nav_brand(html) == "Acme Hours"
    assert title_of(html).endswith("· Acme Hours")
    assert "<small>Acme Hours · an open-source freelance marketplace" in html
    assert '<a href="/pages/terms">Terms</a>' in html
    assert '<a href="https://acme.example/privacy">Privacy</a>' in html
    assert '<a href="mailto:help@acme.example">help@acme.example</a>' in html
    assert "openhour" not in nav_brand(html) + title_of(html)


def test_the_sign_up_mail_names_the_brand_in_its_subject_body_and_footer(client, acme):
    assert client.post("/accounts/signup/", SIGNUP).status_code == 302

    [message] = mail.outbox
    assert message.subject.startswith("[Acme Hours] ")
    assert message.from_email.startswith("Acme Hours <")  # the sender's name too
    assert message.body.startswith("Hello Nina Newcomer,\n\nWelcome to Acme Hours!")
    footer = message.body.rstrip().splitlines()[-1]  # the name, the site's address, the support address
    assert footer.startswith("Acme Hours · ") and footer.endswith("/ · Questions: help@acme.example")
    assert "openhour" not in message.subject + message.body


def test_a_security_notice_names_the_brand_and_its_support_address(
    client_for, fred, acme, django_capture_on_commit_callbacks
):
    new = "another-long-passphrase-7"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(fred).post(
            "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": new, "password2": new}
        )

    assert response.status_code == 302
    [notice] = [m for m in mail.outbox if m.subject.startswith("Security notice from Acme Hours: ")]
    footer = notice.body.rstrip().splitlines()[-1]
    assert footer.startswith("Acme Hours · ") and footer.endswith("/ · Questions: help@acme.example")


def test_the_sign_up_mail_without_a_brand_names_site_name(client, db):
    client.post("/accounts/signup/", SIGNUP)

    [message] = mail.outbox
    assert message.subject.startswith("[openhour] ")
    assert message.body.startswith("Hello Nina Newcomer,\n\nWelcome to openhour!")
    assert "Questions:" not in message.body  # no support address set


def test_html_in_the_name_is_shown_as_text(client_for, operator, client):
    save_brand(client_for(operator), name="<b>Acme</b> & Co")

    html = client.get("/").content.decode()
    assert nav_brand(html) == "&lt;b&gt;Acme&lt;/b&gt; &amp; Co"
    assert "<b>Acme</b>" not in html
    share = client_for(operator).get("/me/reviews/share").content.decode()
    assert "<b>Acme</b>" not in share


def test_badges_and_signed_files_carry_the_brand(client, fred, acme):
    badge = client.get(f"/api/v1/users/{fred.username}/badge.svg").content.decode()
    assert "Acme Hours reviews" in badge

    assert signing.export_filename("fred") == "acme-hours-reviews-fred.json"
    assert signing.export_document(user=fred)["issuer"]["name"] == "Acme Hours"
    widget = client.get(f"/api/v1/users/{fred.username}/widget").content.decode()
    assert "No reviews yet on Acme Hours" in widget


def test_the_stylesheet_sets_the_operators_colours(client, acme):
    html = client.get("/").content.decode()
    link = re.search(r'<link rel="stylesheet" href="(/brand\.css\?v=(\w+))">', html)
    assert link and link.group(2) == acme.css_version

    response = client.get(link.group(1))
    css = response.content.decode()
    assert response["Content-Type"].startswith("text/css")
    assert "--pico-primary-background: #1d5e4a;" in css
    assert "--pico-secondary-background: #5b3f8c;" in css
    assert "--oh-accent: #5b3f8c;" in css
    assert "immutable" in response["Cache-Control"]
    assert client.get(link.group(1), headers={"If-None-Match": response["ETag"]}).status_code == 304
    assert "immutable" not in client.get("/brand.css?v=old").headers["Cache-Control"]  # a stale link: asked again


def test_new_colours_get_a_new_stylesheet_address(client_for, operator, acme):
    save_brand(client_for(operator), name="Acme Hours", primary_colour="#0b3d91")

    assert brand().css_version != acme.css_version
    css = Client().get(f"/brand.css?v={brand().css_version}").content.decode()
    assert "--pico-primary: #0b3d91;" in css
    assert "--pico-secondary" not in css  # the accent was emptied: Pico's own again


def test_without_colours_the_stylesheet_keeps_the_sites_own(client, db):
    css = client.get("/brand.css").content.decode()

    assert "--pico-" not in css
    assert ".brand-logo" in css


def brand_queries(browser: Client, path: str = "/") -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(path).status_code == 200
    return [query["sql"] for query in captured if "operations_brand" in query["sql"]]


def test_pages_read_the_brand_once_then_from_the_cache(client, fred, client_for, acme):
    cache.clear()  # as after a restart of the cache

    assert brand_queries(client)  # the first page reads it
    assert brand_queries(client) == []
    assert brand_queries(client, "/projects") == []
    assert brand_queries(client_for(fred), "/dashboard") == []
