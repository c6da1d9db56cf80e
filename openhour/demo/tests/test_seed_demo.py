"""`manage.py seed_demo`: a believable marketplace whose logins work, and a second run that changes nothing.

The demo is seeded once for the whole module (drawing ~100 pictures takes seconds) inside a transaction
that is rolled back at the end; each test runs in a savepoint inside it, as usual.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client as Browser
from django.test import override_settings
from pytest_django import DjangoDbBlocker, Settings

from openhour.accounts.models import PortfolioItem, Profile, User
from openhour.accounts.selectors import completeness_for, freelancer_search
from openhour.catalog.models import Category
from openhour.demo.people import DEMO_PASSWORD
from openhour.demo.people.freelancers import FREELANCERS
from openhour.demo.people.people import CLIENTS, EMAIL_DOMAIN
from openhour.demo.people.second_factor import demo_totp_code


@dataclass(frozen=True)
class Seeded:
    output: str
    media: Path


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)  # pytest runs with DEBUG off
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Seeded]:
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield Seeded(output=seed(), media=media)
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded: Seeded, db: None, settings: Settings) -> Seeded:
    settings.MEDIA_ROOT = seeded.media  # the files the module's seed wrote
    return seeded


def demo_users() -> list[User]:
    return list(User.objects.filter(email__endswith="@" + EMAIL_DOMAIN).select_related("profile"))


def test_it_creates_freelancers_clients_and_an_operator_with_verified_emails(demo: Seeded) -> None:
    users = demo_users()
    assert sum(user.is_freelancer for user in users) == len(FREELANCERS) >= 20
    assert sum(user.is_client and not user.is_freelancer for user in users) == len(CLIENTS) >= 10
    assert [user.username for user in users if user.is_client and user.is_freelancer] == ["ben-carter"]
    operator = User.objects.get(username="operator")
    assert operator.is_staff and operator.is_superuser
    verified = EmailAddress.objects.filter(user__in=users, verified=True, primary=True)
    assert sorted(verified.values_list("email", flat=True)) == sorted(user.email for user in users)


def test_freelancers_have_complete_profiles_and_can_be_found(demo: Seeded) -> None:
    freelancers = [user for user in demo_users() if user.is_freelancer]
    for user in freelancers:
        profile = user.profile
        assert (demo.media / profile.photo.name).is_file()
        assert 3 <= profile.skills.count() <= 8
        assert len(profile.bio) >= 150 and profile.headline and profile.languages and profile.country
        assert profile.rate_currency in {"GBP", "EUR", "USD"} and profile.hourly_rate >= 100
        items = list(user.portfolio.all())
        assert len(items) >= 3 and all((demo.media / item.image.name).is_file() for item in items)
        assert completeness_for(user=user).percent == 100
    assert set(freelancer_search()) == set(freelancers)
    for category in Category.objects.all():
        assert freelancer_search(category=category.slug).exists(), category.slug


def test_clients_have_a_company_profile_and_a_logo(demo: Seeded) -> None:
    for user in demo_users():
        if user.is_client:
            profile = user.profile
            assert profile.company_name and profile.company_size and profile.website and profile.country
            assert (demo.media / profile.photo.name).is_file()


def test_every_account_signs_in_with_the_printed_password(demo: Seeded) -> None:
    assert DEMO_PASSWORD in demo.output
    assert len({user.password for user in demo_users()}) == 1  # one shared hash, so checking a few is enough
    for username in ("amara-okafor", "ollie-grant", "operator"):
        browser = Browser()
        response = browser.post("/accounts/login/", {"login": f"{username}@{EMAIL_DOMAIN}", "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        if username == "operator":  # operators have two-factor sign-in: the printed code command gives the code
            assert "manage.py demo_totp" in demo.output
            browser.post("/accounts/2fa/authenticate/", {"code": demo_totp_code()})
        assert browser.session["_auth_user_id"] == str(User.objects.get(username=username).pk)


def test_output_lists_every_login_and_the_admin(demo: Seeded) -> None:
    for user in demo_users():
        assert user.email in demo.output
        if user.username != "operator":
            assert f"/u/{user.username}" in demo.output
    assert "/admin/" in demo.output


def snapshot() -> dict[str, object]:
    return {
        "users": sorted(User.objects.values_list("username", "password")),
        "emails": EmailAddress.objects.count(),
        "profiles": sorted(Profile.objects.values_list("user_id", "photo", "updated_at")),
        "skills": Profile.skills.through.objects.count(),
        "portfolio": sorted(PortfolioItem.objects.values_list("id", "image", "position")),
    }


def test_a_second_run_changes_nothing(demo: Seeded) -> None:
    before = snapshot()
    output = seed()
    assert snapshot() == before
    assert "(0 new), 0 pictures drawn" in output
    assert "amara-okafor@" in output


def test_a_second_run_keeps_edits_but_restores_the_password_and_lost_pictures(demo: Seeded) -> None:
    user = User.objects.select_related("profile").get(username="priya-nair")
    Profile.objects.filter(user=user).update(headline="Django consultant")
    User.objects.filter(pk=user.pk).update(password="changed")
    photo = demo.media / user.profile.photo.name
    aside = photo.rename(photo.with_suffix(".aside"))  # the files outlive this test's rollback: put it back after
    try:
        seed()
    finally:
        aside.rename(photo)
    user.refresh_from_db()
    user.profile.refresh_from_db()
    assert user.profile.headline == "Django consultant"
    assert user.password == User.objects.get(username="amara-okafor").password
    assert user.profile.photo.name != photo.name and (demo.media / user.profile.photo.name).is_file()


def test_it_refuses_to_run_with_debug_off_unless_forced(db: None) -> None:
    accounts = User.objects.count()
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo", stdout=StringIO())
    assert User.objects.count() == accounts
