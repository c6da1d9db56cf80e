"""Operators set the brand on one admin page; nobody else can. Colours that white button text would be unreadable
on, links that run script or leave for another host, and files that are not images are refused with a message."""

import html
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_user
from openhour.operations.branding import brand
from openhour.operations.models import Brand
from openhour.operations.tests.branding_kit import BRAND_PAGE, GOOD_PRIMARY, brand_form, save_brand

pytestmark = pytest.mark.django_db


def errors_in(response) -> str:
    assert response.status_code == 200  # the form again, not a redirect
    return html.unescape(response.content.decode())


def test_the_brand_list_is_the_one_brand_page(client_for, operator):
    browser = client_for(operator)

    response = browser.get("/admin/operations/brand/")
    assert response.status_code == 302 and response["Location"] == BRAND_PAGE
    page = browser.get(BRAND_PAGE).content.decode()
    assert 'name="primary_colour"' in page and 'name="links-TOTAL_FORMS"' in page
    assert browser.get("/admin/operations/brand/add/").status_code == 403
    assert browser.get("/admin/operations/brand/1/delete/").status_code == 403


def test_a_member_who_is_not_an_operator_cannot_change_the_brand(client_for, clara):
    browser = client_for(clara)

    assert browser.get("/admin/operations/brand/").status_code == 302  # to sign in as staff
    response = browser.post(BRAND_PAGE, brand_form(name="Clara's market"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert brand().name == "openhour"


def test_staff_without_the_brand_permission_cannot_change_it(client_for, db):
    helper = make_user("helper", name="Hal Helper", is_staff=True)  # staff, but granted nothing

    response = save_brand(client_for(helper), name="Hal's market")
    assert response.status_code == 403
    assert brand().name == "openhour"


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        ("#ffd700", "White text on #ffd700 has a contrast of only 1.40:1, and buttons need at least 4.5:1"),
        ("#3cb371", "contrast of only 2.66:1"),
        ("green", "Write the colour as # and six hexadecimal digits, like #1d5e4a."),
        ("#12345", "Write the colour as # and six hexadecimal digits"),
        ("#777777", "contrast of only 4.47:1"),  # just under: never rounded up to look like enough
    ],
)
def test_a_colour_white_text_is_unreadable_on_is_refused(client_for, operator, colour, message):
    page = errors_in(save_brand(client_for(operator), name="Acme", primary_colour=colour))

    assert message in page
    assert brand().name == "openhour"  # nothing saved


def test_an_unreadable_accent_is_refused_too(client_for, operator):
    page = errors_in(save_brand(client_for(operator), primary_colour=GOOD_PRIMARY, accent_colour="#ff8800"))

    assert "White text on #ff8800 has a contrast of only" in page


def test_a_colour_is_kept_in_lower_case_and_just_enough_contrast_is_enough(client_for, operator):
    save_brand(client_for(operator), primary_colour="#1D5E4A", accent_colour="#767676")  # 4.54:1

    assert Brand.objects.get().primary_colour == "#1d5e4a"
    assert (brand().primary, brand().accent) == ("#1d5e4a", "#767676")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://acme.example/terms",
        "//evil.example/terms",
        "/\\evil.example",
        "terms",
    ],
)
def test_a_footer_link_that_is_not_https_or_a_page_of_the_site_is_refused(client_for, operator, url):
    page = errors_in(save_brand(client_for(operator), links=[("Terms", url)]))

    assert "A link must start with https:// (another site) or with / (a page of this site)." in page
    assert not Brand.objects.get().links.exists()


def test_an_operator_adds_a_logo_and_it_is_re_encoded_under_a_random_name(client_for, operator, image_upload):
    upload = image_upload("acme logo.png", fmt="PNG", size=(1200, 300))

    response = save_brand(client_for(operator), name="Acme", logo=upload)

    assert response.status_code == 302
    stored = Brand.objects.get().logo
    assert stored.name.startswith("brand/") and "acme" not in stored.name
    assert Path(stored.path).exists()
    assert stored.width == 512  # shrunk to the logo's largest side
    page = client_for(operator).get("/").content.decode()
    assert f'<img src="/media/{stored.name}" alt="" class="brand-logo">Acme</a>' in page


def test_a_replaced_logo_is_removed(client_for, operator, image_upload, django_capture_on_commit_callbacks):
    browser = client_for(operator)
    save_brand(browser, logo=image_upload())
    first = Path(Brand.objects.get().logo.path)

    with django_capture_on_commit_callbacks(execute=True):
        save_brand(browser, logo=image_upload(color="navy"))

    assert not first.exists()
    assert Path(Brand.objects.get().logo.path).exists()


def test_a_file_that_is_not_an_image_is_refused_as_a_logo(client_for, operator):
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)></svg>", content_type="image/png")

    page = errors_in(save_brand(client_for(operator), logo=fake))

    assert "Upload a valid image" in page
    assert not Brand.objects.get().logo
