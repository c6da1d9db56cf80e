"""The test cast, shared by every test.

- clara: a verified client. She may edit only her own profile.
- fred: a verified freelancer with a profile and skills. His portfolio is his alone.
- olga: a verified outsider (a freelancer too). She may see public profiles and nothing private.
- una: signed up, e-mail NOT verified: may look around, but may not post, propose, message or pay.
- operator: staff with an authenticator app (OPERATOR_TOTP_SECRET), may use the admin and /operations.
"""

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from PIL import Image

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Speed is measured in bench/, never asserted: on a shared two-core machine a property test must not fail because
# one example, or drawing its inputs, took long.
hypothesis_settings.register_profile("openhour", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("openhour")  # Playwright's event loop + the ORM in browser tests

PASSWORD = "correct-horse-battery-staple"
OPERATOR_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # the operator fixture's authenticator app
TOTP_PERIOD = 30


def within(seconds: float, condition: Callable[[], bool]) -> bool:
    """Whether `condition` comes true within `seconds`, asked every quarter second: for other processes' work."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def totp_code(secret: str, steps_ago: int = 0) -> str:
    """What an authenticator app set up with `secret` shows now (or `steps_ago` periods earlier).

    Like a person who sees their code about to expire, it waits for the next one when fewer than five seconds
    are left, so a test never types a code that rolls over on its way to the server."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if steps_ago == 0 and left < 5:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD - steps_ago))


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    """Production's algorithm (hashes still start with `argon2`) at costs that let tests make hundreds of users."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


TEST_CACHE_FILE = Path(tempfile.gettempdir()) / f"openhour-test-cache-{os.getpid()}.sqlite3"


def pytest_configure(config) -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["conftest.QuickArgon2PasswordHasher", *settings.PASSWORD_HASHERS]
    if "CACHE_FILE" not in os.environ and not settings.REDIS_URL:  # test runs side by side never share counters
        settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": str(TEST_CACHE_FILE)}}


def pytest_unconfigure(config) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{TEST_CACHE_FILE}{suffix}").unlink(missing_ok=True)


def make_user(
    username: str, *, name: str, client: bool = False, freelancer: bool = False, verified: bool = True, **extra
):
    from openhour.accounts.models import User
    from openhour.search import documents

    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.com",
        password=PASSWORD,
        name=name,
        is_client=client,
        is_freelancer=freelancer,
        **extra,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    documents.refresh(user)  # as signing up does: the cast is found by name
    if user.is_staff:  # operators must have a second factor to reach /operations and /admin
        from allauth.mfa.totp.internal.auth import TOTP

        TOTP.activate(user, OPERATOR_TOTP_SECRET)
    return user


@pytest.fixture
def clara(db):
    return make_user("clara", name="Clara Client", client=True)


@pytest.fixture
def fred(db):
    from openhour.accounts.services import profile_update

    user = make_user("fred", name="Fred Freelancer", freelancer=True)
    profile_update(
        user=user,
        headline="Django developer",
        bio="I build web applications.",
        skills=["python", "django"],
        hourly_rate=4500,
        rate_currency="GBP",
        country="GB",
        languages=["en"],
    )
    return user


@pytest.fixture
def olga(db):
    return make_user("olga", name="Olga Outsider", freelancer=True)


@pytest.fixture
def una(db):
    return make_user("una", name="Una Unverified", freelancer=True, verified=False)


@pytest.fixture
def operator(db):
    return make_user("operator", name="Opal Operator", is_staff=True, is_superuser=True)


@pytest.fixture
def client_for() -> Callable[..., Client]:
    """A browser session signed in as the given user."""

    def signed_in(user) -> Client:
        browser = Client()
        browser.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return browser

    return signed_in


@pytest.fixture
def bearer() -> Callable[..., dict[str, str]]:
    """Headers with a fresh personal access token for the given user (for `Client(headers=...)`)."""
    from openhour.accounts.services import access_token_create

    def headers(user) -> dict[str, str]:
        _token, secret = access_token_create(user=user, label="tests")
        return {"Authorization": f"Bearer {secret}"}

    return headers


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (400, 300), color: str = "teal", **save_args) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, color).save(out, fmt, **save_args)
    return out.getvalue()


@pytest.fixture
def image_upload() -> Callable[..., SimpleUploadedFile]:
    def upload(name: str = "photo.jpg", fmt: str = "JPEG", **kwargs) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=f"image/{fmt.lower()}")

    return upload


@pytest.fixture
def ledger_ok() -> Callable[[], None]:
    """Call at the end of a money test: per currency balances sum to zero and match the transfers."""
    from openhour.money.tests.conftest import assert_ledger_balanced

    return assert_ledger_balanced


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path) -> Iterator[None]:
    """Uploads go to a temporary folder, rate-limit counters start from zero, and queued tasks (e-mail) run as
    soon as they are queued, after commit, so a test sees the mail a step sends."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"  # attachments, deliveries, evidence: outside MEDIA_ROOT
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.IDENTITY_REQUIRED_FOR = []  # the cast withdraws unchecked; identity tests ask for checks themselves
    cache.clear()
    yield
    cache.clear()
    shutil.rmtree(tmp_path / "media", ignore_errors=True)
    shutil.rmtree(tmp_path / "private", ignore_errors=True)


@pytest.fixture(autouse=True)
def _brand_cached(request, _isolated) -> None:
    """Pages read the market's brand from the database once, then from the cache (openhour/operations/branding.py).
    Tests that use the database read it first, so that their query counts are of the page alone."""
    if request.node.get_closest_marker("django_db") or "_django_db_helper" in request.fixturenames:
        from openhour.accounts.legal.selectors import required_terms
        from openhour.operations.branding import brand

        request.getfixturevalue("_django_db_helper")
        brand()
        required_terms()  # signed-in pages read the terms to accept likewise (openhour/accounts/legal/middleware.py)


def pytest_collection_modifyitems(config, items) -> None:
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs DATABASE_URL=postgres://..."))
        if "browser" in item.keywords and not os.path.exists(chromium):
            item.add_marker(pytest.mark.skip(reason=f"no Chromium at {chromium}"))
