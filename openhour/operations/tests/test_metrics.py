"""/metrics, as Prometheus reads it: requests by route and status class, and the market's figures from the
database (task queue, ledger totals, payouts waiting). Operators (signed in with their second factor) and a
scraper holding METRICS_TOKEN may read it; anyone else, Clara and Olga included, gets the ordinary 404."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from openhour.messaging.notifications.tasks import notification_email_send
from openhour.money.payouts.methods import payout_method_add
from openhour.money.payouts.services import payout_request
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db

TOKEN = "a-scraper-token-long-enough-to-guess-never"
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def samples(response) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of the exposition by (name, sorted labels): what Prometheus would store."""
    text = response.content.decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def scrape(settings) -> dict:
    settings.METRICS_TOKEN = TOKEN
    response = Client(headers={"Authorization": f"Bearer {TOKEN}"}).get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    return samples(response)


# ---- who may read it -----------------------------------------------------------------------------------


def test_a_signed_in_operator_reads_the_metrics(operator, client_for):
    response = client_for(operator).get("/metrics")

    assert response.status_code == 200
    assert ("openhour_market_metrics_up", ()) in samples(response)


def test_a_scraper_with_the_token_reads_them_and_a_wrong_token_gets_not_found(settings):
    settings.METRICS_TOKEN = TOKEN

    assert Client(headers={"Authorization": f"Bearer {TOKEN}"}).get("/metrics").status_code == 200
    assert Client(headers={"Authorization": "Bearer not-the-token"}).get("/metrics").status_code == 404
    assert Client(headers={"Authorization": f"Basic {TOKEN}"}).get("/metrics").status_code == 404


def test_without_a_token_set_no_bearer_reads_them(settings):
    settings.METRICS_TOKEN = ""

    assert Client(headers={"Authorization": "Bearer "}).get("/metrics").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "clara", "olga"])
def test_visitors_and_members_get_the_ordinary_not_found_page(who, request, client_for):
    browser = Client() if who == "anonymous" else client_for(request.getfixturevalue(who))
    response = browser.get("/metrics")

    assert response.status_code == 404
    assert b"openhour_" not in response.content
    assert browser.post("/metrics").status_code == 404  # no 405 that would tell the path exists


def test_staff_without_a_second_factor_are_not_let_in(operator, client_for):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=operator).delete()

    assert client_for(operator).get("/metrics").status_code == 404


# ---- requests ------------------------------------------------------------------------------------------


def test_requests_are_counted_by_route_name_and_status_class_never_by_raw_path(settings, fred):
    browser = Client()
    browser.get("/healthz")
    browser.get("/u/fred")
    browser.get("/u/someone-who-is-not-here")
    browser.get("/no/such/page/12345")

    seen = scrape(settings)

    def requests(route: str, status: str) -> float:
        key = ("openhour_http_requests_total", (("method", "GET"), ("route", route), ("status", status)))
        return seen.get(key, 0)

    assert requests("healthz", "2xx") >= 1
    assert requests("public_profile", "2xx") >= 1 and requests("public_profile", "4xx") >= 1
    assert requests("unmatched", "4xx") >= 1
    routes = {dict(labels).get("route") for name, labels in seen if name.startswith("openhour_http_")}
    assert not any("/" in (route or "") or "12345" in (route or "") for route in routes)
    latency = ("openhour_http_request_duration_seconds_count", (("route", "healthz"),))
    assert seen[latency] >= 1


# ---- the market's figures -------------------------------------------------------------------------------


def test_the_task_queue_depth_and_the_oldest_ready_tasks_age(settings):
    settings.TASKS = QUEUE
    started = timezone.now()
    with time_machine.travel(started, tick=False):
        notification_email_send.enqueue(notification_id=1)
        notification_email_send.enqueue(notification_id=2)
        notification_email_send.using(run_after=started + timedelta(hours=1)).enqueue(notification_id=3)
    with time_machine.travel(started + timedelta(minutes=10), tick=False):
        seen = scrape(settings)

    assert seen[("openhour_tasks_ready", ())] == 2  # the scheduled one is not due yet
    assert seen[("openhour_tasks_oldest_ready_age_seconds", ())] == 600
    with time_machine.travel(started + timedelta(hours=1, minutes=5), tick=False):
        later = scrape(settings)
    assert later[("openhour_tasks_ready", ())] == 3
    assert later[("openhour_tasks_oldest_ready_age_seconds", ())] == 3900  # enqueued an hour and 5 minutes ago


def test_an_empty_queue_reads_zero(settings):
    settings.TASKS = QUEUE
    seen = scrape(settings)

    assert seen[("openhour_tasks_ready", ())] == 0
    assert seen[("openhour_tasks_oldest_ready_age_seconds", ())] == 0
    assert seen[("openhour_market_metrics_up", ())] == 1


def test_ledger_totals_per_currency_and_purpose_and_payouts_waiting(settings, clara, fred, ledger_ok):
    top_up(clara, 30_000)
    top_up(fred, 50_000)
    top_up(fred, 9_000, currency="EUR")
    method = payout_method_add(owner=fred, kind="paypal", details={"email": "fred@example.com"})
    payout_request(owner=fred, amount=20_000, currency="GBP", method_id=method.pk)
    payout_request(owner=fred, amount=5_000, currency="GBP", method_id=method.pk)

    seen = scrape(settings)

    def ledger(currency: str, purpose: str) -> float:
        return seen[("openhour_ledger_balance_minor_units", (("currency", currency), ("purpose", purpose)))]

    assert ledger("GBP", "wallet") == 80_000  # reserved for payouts, not yet moved
    assert ledger("EUR", "wallet") == 9_000
    assert ledger("GBP", "gateway") == -80_000 and ledger("EUR", "gateway") == -9_000
    assert seen[("openhour_ledger_accounts", (("currency", "GBP"), ("purpose", "wallet")))] == 2
    held = (("currency", "GBP"), ("status", "held"))
    assert seen[("openhour_payouts_waiting", held)] == 2
    assert seen[("openhour_payouts_waiting_minor_units", held)] == 25_000
    assert not any(name == "openhour_payouts_waiting" and ("currency", "EUR") in labels for name, labels in seen)
    ledger_ok()


def test_the_figures_cost_the_same_few_queries_whatever_the_data(settings, clara, fred, django_assert_max_num_queries):
    settings.TASKS = QUEUE
    for person in (clara, fred):
        top_up(person, 10_000)
        top_up(person, 10_000, currency="EUR")
    for number in range(5):
        notification_email_send.enqueue(notification_id=number)

    with django_assert_max_num_queries(3):  # queue, ledger, payouts: one aggregate each (a token scrape has no session)
        scrape(settings)
