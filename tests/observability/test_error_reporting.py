"""Errors reach Sentry (here a fake speaking its envelope protocol on 127.0.0.1) with the exception and the page
it happened on, and without what could name or impersonate a person: cookies, Authorization headers, e-mail
addresses. Without SENTRY_DSN no web process loads the client at all."""

import json
from collections.abc import Iterator
from wsgiref.util import setup_testing_defaults

import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpRequest, HttpResponse
from django.urls import path

from openhour.lib.error_reporting import before_send, sentry_init
from tests.observability.fake_sentry import PROJECT, FakeSentry
from tests.observability.processes import run_django

SESSION_COOKIE = "session-cookie-value-never-sent"
TOKEN = "token-value-never-sent"


class LedgerOutOfStep(Exception):
    pass


def broken_statement(request: HttpRequest, username: str) -> HttpResponse:
    owner_email = f"{username}@example.com"  # a local variable Sentry would show beside the traceback
    raise LedgerOutOfStep(f"No statement for {owner_email}")


urlpatterns = [path("statements/<str:username>", broken_statement, name="broken_statement")]


@pytest.fixture
def fake_sentry() -> Iterator[FakeSentry]:
    with FakeSentry() as fake:
        sentry_init(dsn=fake.dsn, environment="test", traces_sample_rate=0.0)
        try:
            yield fake
        finally:
            sentry_sdk.get_client().close()
            sentry_sdk.get_global_scope().set_client(None)  # the rest of the run reports nothing


def wsgi_get(path: str, query: str, **headers: str) -> str:
    """A GET through Django's WSGI handler, as gunicorn calls it (Sentry hooks in there); returns the status."""
    environ: dict = {"PATH_INFO": path, "QUERY_STRING": query}
    setup_testing_defaults(environ)
    environ |= {f"HTTP_{name.upper()}": value for name, value in headers.items()}
    answered: list[str] = []
    b"".join(WSGIHandler()(environ, lambda status, headers, exc_info=None: answered.append(status)))
    return answered[0]


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_failing_page_reaches_sentry_with_its_exception_and_path_and_no_private_data(fake_sentry):
    status = wsgi_get(
        "/statements/clara",
        "month=2026-11",
        cookie=f"sessionid={SESSION_COOKIE}",
        authorization=f"Bearer {TOKEN}",
        x_request_id="req-12345678",
    )
    sentry_sdk.flush(timeout=10)

    assert status.startswith("500")
    assert set(fake_sentry.paths) == {f"/api/{PROJECT}/envelope/"}  # the event, and the session's health
    [event] = fake_sentry.events()
    [exception] = event["exception"]["values"]
    assert exception["type"] == "LedgerOutOfStep"
    assert exception["value"] == "No statement for [email]"
    assert event["request"]["url"] == "http://127.0.0.1/statements/clara"
    assert event["request"]["query_string"] == "month=2026-11"
    assert event["transaction"] == "/statements/{username}"
    assert event["tags"]["request_id"] == "req-12345678"
    assert event["environment"] == "test"
    sent = b"".join(fake_sentry.bodies).decode()
    for private in ("clara@example.com", SESSION_COOKIE, TOKEN, "sessionid"):
        assert private not in sent
    assert "[email]" in json.dumps(exception["stacktrace"]["frames"][-1].get("vars", {}))


def test_before_send_removes_cookies_and_authorization_and_masks_every_email():
    event = {
        "message": "Mail to fred@example.com bounced",
        "request": {
            "url": "https://market.example.com/u/fred",
            "cookies": {"sessionid": "abc"},
            "headers": {"Cookie": "sessionid=abc", "Authorization": "Bearer x", "User-Agent": "Firefox"},
        },
        "breadcrumbs": {"values": [{"message": "signed in as olga@example.org"}]},
        "extra": {"emails": ("a.b+c@mail.example.co.uk",)},
    }

    sent = before_send(event, {})

    assert "cookies" not in sent["request"]
    assert sent["request"]["headers"] == {"User-Agent": "Firefox"}
    assert sent["message"] == "Mail to [email] bounced"
    assert sent["breadcrumbs"]["values"][0]["message"] == "signed in as [email]"
    assert sent["extra"]["emails"] == ["[email]"]
    assert sent["request"]["url"] == "https://market.example.com/u/fred"


WEB_IMPORTS = """
import sys
from django.test import Client
import openhour.wsgi, openhour.urls
Client(HTTP_HOST="localhost").get("/healthz")
print("sentry_sdk" in sys.modules)
"""


def test_without_a_dsn_the_web_process_never_imports_the_client(tmp_path):
    result = run_django(WEB_IMPORTS, var_dir=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_with_a_dsn_the_settings_start_the_client_without_personal_data(tmp_path):
    script = "import sentry_sdk\noptions = sentry_sdk.get_client().options\n"
    script += "print(options['send_default_pii'], options['environment'], options['traces_sample_rate'])"
    result = run_django(
        script,
        var_dir=tmp_path,
        SENTRY_DSN="http://key@127.0.0.1:9/1",
        SENTRY_ENVIRONMENT="staging",
        SENTRY_TRACES_SAMPLE_RATE="0.25",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "staging", "0.25"]


def test_a_sample_rate_outside_0_to_1_stops_start_up_naming_it(tmp_path):
    result = run_django("", var_dir=tmp_path, SENTRY_TRACES_SAMPLE_RATE="5")

    assert result.returncode != 0
    assert "SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1" in result.stderr
