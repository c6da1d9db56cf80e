"""The demo has people who read the site in French and German: a freelancer and a client in each language, with
their language and time zone set, profiles written in it, and projects posted in it, so the switcher, search and
the feed can be shown in those languages."""

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from pytest_django import DjangoDbBlocker

from openhour.accounts.models import User
from openhour.demo.people import DEMO_PASSWORD
from openhour.demo.people.people import EMAIL_DOMAIN
from openhour.jobs.models import Project

PEOPLE = {
    "theo-lambert": ("fr", "Europe/Paris"),
    "helene-marchand": ("fr", "Europe/Paris"),
    "jonas-becker": ("de", "Europe/Berlin"),
    "greta-hoffmann": ("de", "Europe/Berlin"),
}


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    out = StringIO()
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("seed_demo", force=True, stdout=out)  # pytest runs with DEBUG off
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded: str, db: None) -> str:
    return seeded


def test_a_freelancer_and_a_client_read_in_french_and_in_german(demo: str) -> None:
    people = {user.username: user for user in User.objects.filter(username__in=PEOPLE)}

    assert {name: (user.language, user.time_zone) for name, user in people.items()} == PEOPLE
    assert {people[name].is_freelancer for name in ("theo-lambert", "jonas-becker")} == {True}
    assert {people[name].is_client for name in ("helene-marchand", "greta-hoffmann")} == {True}
    assert "Développeur Django" in people["theo-lambert"].profile.headline
    assert "Übersetzungen" in people["greta-hoffmann"].profile.bio


def test_their_logins_are_printed_with_their_language(demo: str) -> None:
    for username, (language, _zone) in PEOPLE.items():
        line = next(line for line in demo.splitlines() if f"{username}@{EMAIL_DOMAIN}" in line)
        assert f"({language})" in line and DEMO_PASSWORD in line


def test_projects_are_posted_in_french_and_german(demo: str) -> None:
    titles = set(Project.objects.filter(client__username__in=PEOPLE).values_list("title", flat=True))

    assert any("Développeur" in title for title in titles)
    assert any("Übersetzung" in title for title in titles)


def test_a_french_demo_freelancer_sees_the_site_in_french(demo: str) -> None:
    browser = Client()
    browser.post("/accounts/login/", {"login": f"theo-lambert@{EMAIL_DOMAIN}", "password": DEMO_PASSWORD})

    assert browser.get("/projects")["Content-Language"] == "fr"
