"""Editing one's own profile: fields per role, skills, rate in minor units, errors, completeness, roles."""

from typing import Any

import pytest
from django.test import Client

from openhour.accounts.models import Profile

ME_PAGES = ["/me/profile", "/me/portfolio", "/me/tokens"]
ME_ACTIONS = ["/me/photo", "/me/photo/remove", "/me/roles", "/me/portfolio/1/move", "/me/portfolio/1/delete"]


def freelancer_form(**overrides: Any) -> dict[str, Any]:
    """Everything the profile form sends for a freelancer, as a browser would post it."""
    data = {
        "headline": "Python and Django developer",
        "bio": "I build and look after Django sites.",
        "country": "IE",
        "languages": ["en", "fr"],
        "skills": ["python", "django", "postgresql"],
        "hourly_rate": "45.50",
        "rate_currency": "EUR",
        "availability": "limited",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def client_form(**overrides: Any) -> dict[str, Any]:
    data = {
        "headline": "Hiring for a bakery chain",
        "bio": "",
        "country": "GB",
        "company_name": "Clara's Cakes",
        "company_size": "11-50",
        "website": "https://claras-cakes.example",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def snapshot(user) -> tuple:
    profile = Profile.objects.get(user=user)
    return (
        profile.headline,
        profile.bio,
        profile.country.code,
        profile.languages,
        profile.hourly_rate,
        profile.rate_currency,
        profile.availability,
        profile.company_name,
        profile.website,
        sorted(profile.skills.values_list("slug", flat=True)),
    )


@pytest.mark.parametrize("path", ME_PAGES)
def test_private_pages_send_anonymous_visitors_to_sign_in(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


@pytest.mark.parametrize("path", ME_ACTIONS)
def test_private_actions_send_anonymous_visitors_to_sign_in(client, db, path):
    response = client.post(path, {"role": "client", "position": "0"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", ["/me/photo", "/me/photo/remove", "/me/roles"])
def test_actions_that_change_things_refuse_a_plain_visit(client_for, fred, path):
    response = client_for(fred).get(path)

    assert response.status_code == 405


def test_the_form_shows_what_the_profile_holds(client_for, fred):
    response = client_for(fred).get("/me/profile")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Django developer"' in html
    assert 'name="hourly_rate" value="45.00"' in html
    assert '<option value="GB" selected>' in html
    assert '<option value="en" selected>' in html
    assert 'name="skills" value="python" checked' in html
    assert 'name="skills" value="django" checked' in html
    assert 'name="skills" value="react" checked' not in html


def test_a_freelancer_saves_the_profile(client_for, fred):
    browser = client_for(fred)

    response = browser.post("/me/profile", freelancer_form())

    assert response.status_code == 302
    assert response["Location"] == "/me/profile"
    profile = Profile.objects.get(user=fred)
    assert profile.headline == "Python and Django developer"
    assert profile.bio == "I build and look after Django sites."
    assert profile.country.code == "IE"
    assert profile.languages == ["en", "fr"]
    assert sorted(profile.skills.values_list("slug", flat=True)) == ["django", "postgresql", "python"]
    assert profile.rate_currency == "EUR"
    assert profile.availability == "limited"
    assert b"Your profile is saved." in browser.get("/me/profile").content


@pytest.mark.parametrize(
    ("typed", "stored"), [("45.50", 4550), ("45.5", 4550), ("45", 4500), ("1", 100), ("19.99", 1999)]
)
def test_the_hourly_rate_is_stored_in_minor_units(client_for, fred, typed, stored):
    client_for(fred).post("/me/profile", freelancer_form(hourly_rate=typed))

    assert Profile.objects.get(user=fred).hourly_rate == stored


def test_the_saved_rate_is_shown_back_as_typed(client_for, fred):
    browser = client_for(fred)
    browser.post("/me/profile", freelancer_form(hourly_rate="45.50"))

    html = browser.get("/me/profile").content.decode()

    assert 'name="hourly_rate" value="45.50"' in html
    assert "€45.50" in Client().get("/u/fred").content.decode()


def test_clearing_the_rate_removes_it(client_for, fred):
    client_for(fred).post("/me/profile", freelancer_form(hourly_rate=""))

    assert Profile.objects.get(user=fred).hourly_rate is None


def test_unticking_every_skill_clears_them(client_for, fred):
    client_for(fred).post("/me/profile", freelancer_form(skills=None))

    assert not Profile.objects.get(user=fred).skills.exists()


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("hourly_rate", {"hourly_rate": "0"}),
        ("hourly_rate", {"hourly_rate": "0.99"}),
        ("hourly_rate", {"hourly_rate": "-5"}),
        ("hourly_rate", {"hourly_rate": "lots"}),
        ("skills", {"skills": ["python", "no-such-skill"]}),
        ("country", {"country": "XX"}),
        ("languages", {"languages": ["en", "klingon"]}),
        ("rate_currency", {"rate_currency": "BTC"}),
        ("headline", {"headline": "x" * 121}),
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_changes(client_for, fred, field, overrides):
    before = snapshot(fred)

    response = client_for(fred).post("/me/profile", freelancer_form(**overrides))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert b'class="field-errors"' in response.content
    assert b"Please correct the highlighted fields." in response.content
    assert snapshot(fred) == before


def test_more_than_fifteen_skills_are_refused(client_for, fred):
    from openhour.catalog.models import Skill

    sixteen = list(Skill.objects.values_list("slug", flat=True)[:16])
    before = snapshot(fred)

    response = client_for(fred).post("/me/profile", freelancer_form(skills=sixteen))

    assert response.status_code == 400
    assert "skills" in response.context["form"].errors
    assert b"Choose at most 15 skills" in response.content
    assert snapshot(fred) == before


def test_fifteen_skills_are_fine(client_for, fred):
    from openhour.catalog.models import Skill

    fifteen = list(Skill.objects.values_list("slug", flat=True)[:15])

    response = client_for(fred).post("/me/profile", freelancer_form(skills=fifteen))

    assert response.status_code == 302
    assert Profile.objects.get(user=fred).skills.count() == 15


def test_after_an_error_the_form_keeps_what_was_typed(client_for, fred):
    response = client_for(fred).post("/me/profile", freelancer_form(hourly_rate="0", headline="Kept headline"))

    html = response.content.decode()
    assert 'value="Kept headline"' in html
    assert 'name="skills" value="postgresql" checked' in html


def test_a_client_saves_company_details(client_for, clara):
    response = client_for(clara).post("/me/profile", client_form())

    assert response.status_code == 302
    profile = Profile.objects.get(user=clara)
    assert profile.company_name == "Clara's Cakes"
    assert profile.company_size == "11-50"
    assert profile.website == "https://claras-cakes.example"


def test_a_website_without_a_scheme_gets_https(client_for, clara):
    client_for(clara).post("/me/profile", client_form(website="claras-cakes.example"))

    assert Profile.objects.get(user=clara).website == "https://claras-cakes.example"


@pytest.mark.parametrize("website", ["not a website", "javascript:alert(1)", "http://"])
def test_a_bad_website_is_refused(client_for, clara, website):
    before = snapshot(clara)

    response = client_for(clara).post("/me/profile", client_form(website=website))

    assert response.status_code == 400
    assert "website" in response.context["form"].errors
    assert snapshot(clara) == before


def test_a_client_does_not_see_freelancer_fields(client_for, clara):
    html = client_for(clara).get("/me/profile").content.decode()

    assert 'name="company_name"' in html
    assert 'name="website"' in html
    assert 'name="hourly_rate"' not in html
    assert 'name="skills"' not in html
    assert 'name="availability"' not in html


def test_a_freelancer_does_not_see_company_fields(client_for, fred):
    html = client_for(fred).get("/me/profile").content.decode()

    assert 'name="hourly_rate"' in html
    assert 'name="skills"' in html
    assert 'name="company_name"' not in html
    assert 'name="website"' not in html


def test_freelancer_fields_posted_by_a_client_are_ignored(client_for, clara):
    response = client_for(clara).post(
        "/me/profile", client_form(hourly_rate="99", skills=["python"], rate_currency="USD", availability="limited")
    )

    assert response.status_code == 302
    profile = Profile.objects.get(user=clara)
    assert profile.hourly_rate is None
    assert not profile.skills.exists()
    assert profile.rate_currency == "GBP"
    assert profile.availability == "available"
    assert profile.company_name == "Clara's Cakes"


def test_company_fields_posted_by_a_freelancer_are_ignored(client_for, fred):
    response = client_for(fred).post(
        "/me/profile", freelancer_form(company_name="Fred Ltd", website="https://x.example")
    )

    assert response.status_code == 302
    profile = Profile.objects.get(user=fred)
    assert profile.company_name == ""
    assert profile.website == ""


def test_one_person_edits_only_their_own_profile(client_for, fred, olga):
    before = snapshot(fred)

    client_for(olga).post("/me/profile", freelancer_form(headline="Olga's headline"))

    assert snapshot(fred) == before
    assert Profile.objects.get(user=olga).headline == "Olga's headline"


def test_the_completeness_meter_shows_a_percentage_and_what_is_missing(client_for, fred):
    html = client_for(fred).get("/me/profile").content.decode()

    # Fred has a headline, rate, country and languages; no photo, short bio, two skills, no portfolio.
    assert "Your profile is 30% complete" in html
    assert '<progress value="30" max="100"' in html
    assert "Add a clear, professional photo of your face." in html
    assert "Pick at least 3 specific skills." in html
    assert "Show at least 3 varied samples" in html
    assert "Set your hourly rate." not in html


def test_the_meter_rises_as_the_profile_fills_in(client_for, fred):
    browser = client_for(fred)

    browser.post("/me/profile", freelancer_form(bio="I build Django sites for small charities. " * 5))

    html = browser.get("/me/profile").content.decode()
    assert "Your profile is 65% complete" in html
    assert "Pick at least 3 specific skills." not in html
    assert "Write a concise, authentic bio" not in html


def test_a_client_is_measured_on_client_things(client_for, clara):
    browser = client_for(clara)
    html = browser.get("/me/profile").content.decode()
    assert "Your profile is 0% complete" in html
    assert "Add your company name" in html
    assert "Set your hourly rate." not in html

    browser.post("/me/profile", client_form())

    html = browser.get("/me/profile").content.decode()
    assert "Your profile is 75% complete" in html
    assert "Add a photo or your company logo." in html


def test_a_client_can_also_become_a_freelancer(client_for, clara):
    browser = client_for(clara)
    assert b"Also offer my services" in browser.get("/me/profile").content

    response = browser.post("/me/roles", {"role": "freelancer"})

    assert response.status_code == 302
    clara.refresh_from_db()
    assert clara.is_client and clara.is_freelancer
    html = browser.get("/me/profile").content.decode()
    assert 'name="hourly_rate"' in html
    assert 'name="company_name"' in html
    assert "Also offer my services" not in html


def test_an_unknown_role_is_refused(client_for, fred):
    response = client_for(fred).post("/me/roles", {"role": "operator"})

    assert response.status_code == 400
    assert b"Choose client or freelancer." in response.content
    fred.refresh_from_db()
    assert not fred.is_staff
    assert not fred.is_client


def test_a_post_from_another_site_is_refused(fred):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(fred, backend="django.contrib.auth.backends.ModelBackend")
    before = snapshot(fred)

    assert browser.post("/me/roles", {"role": "client"}).status_code == 403
    assert browser.post("/me/profile", freelancer_form(headline="Forged")).status_code == 403

    fred.refresh_from_db()
    assert not fred.is_client
    assert snapshot(fred) == before


def test_someone_without_a_role_can_still_edit_the_basics(client_for, operator):
    response = client_for(operator).post("/me/profile", {"headline": "Keeping the lights on", "country": "GB"})

    assert response.status_code == 302
    assert Profile.objects.get(user=operator).headline == "Keeping the lights on"
