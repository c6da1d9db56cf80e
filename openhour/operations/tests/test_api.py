"""GET /api/v1/operations/analytics: the page's figures for operators, typed as the schema documents them; 401
without credentials, 403 for a member, 400 naming `period` when it is neither week nor month."""

import pytest
import time_machine
from django.test import Client

from openhour.operations.tests.market import LATER, build
from tests.api.answers import mismatches

pytestmark = pytest.mark.django_db
URL = "/api/v1/operations/analytics"


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        return Client().get("/api/v1/openapi.json").json()


def test_without_credentials_the_answer_is_401(client):
    answer = client.get(URL)
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthenticated"


def test_a_member_is_refused_with_403(clara, bearer, client_for):
    for caller in (Client(headers=bearer(clara)), client_for(clara)):
        answer = caller.get(URL + "?period=month")
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "forbidden"


def test_a_bad_period_is_a_400_naming_the_field(operator, bearer):
    answer = Client(headers=bearer(operator)).get(URL + "?period=year")
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid" and list(error["fields"]) == ["period"]


def test_an_operator_reads_the_figures_in_the_documented_shape(clara, fred, olga, operator, bearer, schema, ledger_ok):
    build(clara, fred, olga)
    with time_machine.travel(LATER, tick=False):
        answer = Client(headers=bearer(operator)).get(URL + "?period=week")

    assert answer.status_code == 200, answer.content
    body = answer.json()
    documented = schema["paths"][URL]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert mismatches(body, documented, schema["components"]["schemas"]) == []
    week = body["periods"][-1]
    assert (body["period"], len(body["periods"]), week["start"], week["end"]) == (
        "week",
        12,
        "2026-11-30",
        "2026-12-07",
    )
    gbp = next(money for money in week["money"] if money["currency"] == "GBP")
    assert (gbp["gmv"], gbp["client_fee"], gbp["freelancer_fee"], gbp["take_rate"]) == (60_000, 1_500, 6_000, 12.5)
    assert (week["hires"], week["repeat_hire_rate"], week["dispute_rate"], week["fill_rate"]) == (3, 66.67, 33.33, 0.0)
    assert body["currencies"] == ["EUR", "GBP"]
    assert body["payouts_waiting"] == [{"currency": "GBP", "count": 1, "amount": 20_000}]
    ledger_ok()


def test_the_schema_documents_the_operation_for_operators(schema):
    operation = schema["paths"][URL]["get"]
    [period] = operation["parameters"]
    assert period["name"] == "period" and period["schema"]["enum"] == ["week", "month"]
    assert {"400", "401", "403", "429"} <= set(operation["responses"])
    described = schema["components"]["schemas"]["AnalyticsMoneyOut"]["properties"]["gmv"]["description"]
    assert described.startswith("Money clients paid into escrow in the period")
