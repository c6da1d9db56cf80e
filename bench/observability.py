"""What the request-id and request-metrics middlewares cost the cheapest page, /healthz.

    python bench/observability.py [--requests 500] [--rounds 30]

In one process, on an embedded database under a temporary VAR_DIR, /healthz is asked for --requests times through
Django's test client with the full MIDDLEWARE, without the two observability middlewares, and with only the
request id, in turns, --rounds times (each round starting with the next variant). Time is the process's CPU time,
which other work on a shared machine disturbs less than the clock on the wall; each variant's figure is its
quickest round, and the ratio is the median of the rounds' ratios. Then each middleware alone is timed around a
view that answers at once (its own cost, in microseconds, over 20,000 calls), which noise disturbs far less than
the whole request does.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REQUEST_ID = "openhour.lib.request_id.RequestIdMiddleware"
METRICS = "openhour.operations.metrics.middleware.RequestMetricsMiddleware"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="openhour-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openhour.settings")
    import django

    django.setup()
    stacks = [middleware for _name, middleware in variants()]
    times: list[list[float]] = [[] for _ in stacks]
    for turn in range(args.rounds):
        for index in [(turn + offset) % len(stacks) for offset in range(len(stacks))]:
            times[index].append(measure(stacks[index], args.requests))
    print(f"{'/healthz, middleware':<28} {'requests/CPU-s':>14} {'time vs without (median)':>25}")
    for (name, _middleware), runs in zip(variants(), times, strict=True):
        ratio = statistics.median(run / base for run, base in zip(runs, times[0], strict=True))
        print(f"{name:<28} {1 / min(runs):>14.0f} {ratio:>24.3f}x")
    print(f"\n{'alone, around a bare view':<28} {'microseconds/request':>20}")
    bare = own_cost(None)
    for path in (REQUEST_ID, METRICS):
        print(f"{path.rsplit('.', 1)[1]:<28} {(own_cost(path) - bare) * 1e6:>20.1f}")


def variants() -> list[tuple[str, list[str]]]:
    from django.conf import settings

    full = list(settings.MIDDLEWARE)
    without = [name for name in full if name not in (REQUEST_ID, METRICS)]
    return [("without both", without), ("request id only", [REQUEST_ID, *without]), ("request id + metrics", full)]


def measure(middleware: list[str], count: int) -> float:
    """CPU seconds per /healthz request with this middleware stack."""
    from django.test import Client
    from django.test.utils import override_settings

    with override_settings(MIDDLEWARE=middleware):
        browser = Client(HTTP_HOST="localhost")
        assert browser.get("/healthz").status_code == 200  # warm up the stack
        started = time.process_time()
        for _ in range(count):
            browser.get("/healthz")
        return (time.process_time() - started) / count


def own_cost(middleware: str | None, count: int = 20_000) -> float:
    """CPU seconds per call of one middleware around a view that answers at once (None: the view alone)."""
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.urls import resolve
    from django.utils.module_loading import import_string

    request = RequestFactory().get("/healthz")
    request.resolver_match = resolve("/healthz")  # as the URL resolver leaves it for the metrics
    answer = HttpResponse()

    def view(request: object) -> HttpResponse:
        return answer

    handler = import_string(middleware)(view) if middleware else view
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for _ in range(count):
            handler(request)
        best = min(best, (time.process_time() - started) / count)
    return best


if __name__ == "__main__":
    main()
