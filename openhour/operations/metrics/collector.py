"""Gauges of the market computed at scrape time from the database, so every web process reports the same
figures and nothing is kept between scrapes."""

import logging
from collections.abc import Iterator

from django.db import DatabaseError
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from openhour.operations.metrics import selectors

logger = logging.getLogger(__name__)


class MarketCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        try:
            metrics = list(_market_metrics())
        except DatabaseError:
            # The request figures are still worth a scrape when the database is down; this says why the rest is missing.
            logger.warning("The market's metrics could not be read from the database.", exc_info=True)
            metrics = []
        yield GaugeMetricFamily(
            "openhour_market_metrics_up",
            "1 when the market's figures below were read from the database.",
            value=1 if metrics else 0,
        )
        yield from metrics


def _market_metrics() -> Iterator[Metric]:
    queue = selectors.task_queue()
    yield GaugeMetricFamily("openhour_tasks_ready", "Background tasks the worker could run now.", value=queue.ready)
    waited = (timezone.now() - queue.oldest_ready_since).total_seconds() if queue.oldest_ready_since else 0.0
    yield GaugeMetricFamily(
        "openhour_tasks_oldest_ready_age_seconds",
        "How long the longest-waiting ready task has been waiting (0 when none is).",
        value=max(waited, 0.0),
    )
    ledger = selectors.ledger_totals()
    yield _family(
        "openhour_ledger_balance_minor_units",
        "Cached ledger balances summed per currency and account purpose, in minor units (each currency sums to 0).",
        ["currency", "purpose"],
        [(total.labels, total.amount) for total in ledger],
    )
    yield _family(
        "openhour_ledger_accounts",
        "Ledger accounts per currency and purpose.",
        ["currency", "purpose"],
        [(total.labels, total.count) for total in ledger],
    )
    payouts = selectors.payouts_waiting()
    yield _family(
        "openhour_payouts_waiting",
        "Payouts requested, held or sent and not yet paid, per currency and status.",
        ["currency", "status"],
        [(total.labels, total.count) for total in payouts],
    )
    yield _family(
        "openhour_payouts_waiting_minor_units",
        "The amount of those payouts, in minor units.",
        ["currency", "status"],
        [(total.labels, total.amount) for total in payouts],
    )


def _family(name: str, documentation: str, labels: list[str], samples: list[tuple[tuple[str, ...], int]]) -> Metric:
    family = GaugeMetricFamily(name, documentation, labels=labels)
    for values, value in samples:
        family.add_metric(list(values), value)
    return family
