"""Every answer names its request id, the proxy's when it is well-formed; every log line written while the request
runs carries the same id; LOG_FORMAT=json writes each line as one JSON object."""

import io
import json
import logging
from collections.abc import Iterator

import pytest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import Client
from django.urls import include, path

from openhour.lib.logs import JsonLinesFormatter
from openhour.lib.request_id import RequestIdFilter
from tests.observability.processes import run_django

logger = logging.getLogger("openhour.statements")


def statement(request: HttpRequest) -> HttpResponse:
    logger.info("Statement shown")
    return JsonResponse({"request_id": request.request_id})  # type: ignore[attr-defined]


def statement_failing(request: HttpRequest) -> HttpResponse:
    try:
        {}["month"]
    except KeyError:
        logger.exception("Statement could not be built")
    return HttpResponse(status=503)


urlpatterns = [
    path("statement", statement),
    path("statement/failing", statement_failing),
    path("", include("openhour.urls")),
]
pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db]


@pytest.fixture
def console_lines() -> Iterator[io.StringIO]:
    """What the console handler the settings configured writes, as JSON lines."""
    console = next(h for h in logging.getLogger().handlers if any(isinstance(f, RequestIdFilter) for f in h.filters))
    assert isinstance(console, logging.StreamHandler)
    written = io.StringIO()
    stream, formatter = console.setStream(written), console.formatter
    console.setFormatter(JsonLinesFormatter())
    try:
        yield written
    finally:
        console.setStream(stream)
        console.setFormatter(formatter)


def lines(written: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in written.getvalue().splitlines()]


def test_a_well_formed_inbound_id_is_kept_and_echoed():
    response = Client().get("/statement", headers={"X-Request-ID": "edge-4f1c2a9b.01"})

    assert response["X-Request-ID"] == "edge-4f1c2a9b.01"
    assert response.json() == {"request_id": "edge-4f1c2a9b.01"}


@pytest.mark.parametrize(
    "inbound",
    ["short", "x" * 65, "abc def 12345", "abc\\r\\nSet-Cookie: a=b", "<script>alert(1)</script>", "ré-id-12345", ""],
)
def test_a_malformed_inbound_id_is_replaced_by_a_new_one(inbound):
    response = Client().get("/statement", headers={"X-Request-ID": inbound})

    assert response["X-Request-ID"] != inbound
    assert len(response["X-Request-ID"]) == 32 and response["X-Request-ID"].isalnum()


def test_without_an_inbound_id_each_request_gets_its_own():
    browser = Client()

    first, second = browser.get("/statement")["X-Request-ID"], browser.get("/statement")["X-Request-ID"]

    assert first != second


def test_an_unknown_page_answers_with_its_id_and_djangos_not_found_line_carries_it(console_lines):
    response = Client().get("/no-such-page")

    assert response.status_code == 404 and len(response["X-Request-ID"]) == 32
    [not_found] = lines(console_lines)
    assert not_found["message"] == "Not Found: /no-such-page" and not_found["request_id"] == response["X-Request-ID"]


def test_a_line_logged_in_a_view_carries_the_requests_id_and_lines_outside_carry_none(console_lines):
    response = Client().get("/statement", headers={"X-Request-ID": "edge-4f1c2a9b.01"})
    logger.warning("Between requests")

    shown, between = lines(console_lines)
    assert shown["message"] == "Statement shown" and shown["request_id"] == response["X-Request-ID"]
    assert shown["level"] == "INFO" and shown["logger"] == "openhour.statements"
    assert shown["timestamp"].startswith("20") and shown["timestamp"].endswith("+00:00")
    assert between["message"] == "Between requests" and between["request_id"] is None


def test_an_exception_logged_in_a_view_is_one_json_line_with_its_traceback(console_lines):
    response = Client().get("/statement/failing")

    failed, unavailable = lines(console_lines)
    assert failed["level"] == "ERROR" and failed["request_id"] == response["X-Request-ID"]
    assert "Traceback" in failed["exception"] and "KeyError: 'month'" in failed["exception"]
    # Django's own line, written once the middleware has answered
    assert unavailable["message"] == "Service Unavailable: /statement/failing"
    assert unavailable["request_id"] == response["X-Request-ID"]


def test_log_format_json_from_the_environment_writes_json_lines(tmp_path):
    script = "import logging\nlogging.getLogger('openhour.payouts').warning('Payout batch %s sent', 7)"
    result = run_django(script, var_dir=tmp_path, LOG_FORMAT="json")

    assert result.returncode == 0, result.stderr
    [line] = [json.loads(text) for text in result.stderr.splitlines()]
    assert {key: line[key] for key in ("level", "logger", "message", "request_id")} == {
        "level": "WARNING",
        "logger": "openhour.payouts",
        "message": "Payout batch 7 sent",
        "request_id": None,
    }
    assert "timestamp" in line


def test_the_default_stays_plain_text_and_a_bad_format_stops_start_up(tmp_path):
    plain = run_django("import logging\nlogging.getLogger('openhour').warning('Plain words')", var_dir=tmp_path)
    refused = run_django("", var_dir=tmp_path, LOG_FORMAT="xml")

    assert plain.stderr.strip() == "Plain words"
    assert refused.returncode != 0 and "LOG_FORMAT must be text or json, not 'xml'" in refused.stderr
