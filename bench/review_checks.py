"""How long one review's integrity checks take at the size of a scale database, check by check.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/openhour_scale_1m \
        uv run python bench/review_checks.py [--reviews 50]

The database must be migrated (`manage.py migrate`, and `manage.py similarity_index` for the older reviews'
similarity keys). --reviews published reviews are drawn evenly over the table, and each check of
`openhour.reviews.integrity.checks.all_checks()` runs on each, as the task worker runs them, inside one
transaction that is rolled back at the end: nothing is written. The table shows, per check and for all of them
together, the median, 95th percentile and worst time in milliseconds and the queries per review, after one
untimed pass (its time printed) that loads what a long-lived worker loads once. The goal is a
review's checks (the "all" row) under 200 ms at 1M published reviews.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Rollback(Exception):
    """Raised to leave the measuring transaction without keeping anything."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=int, default=50)
    parser.add_argument(
        "--template-copies", type=int, default=0, help="then plant this many copies of one review's text and time"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openhour.settings")
    import django

    django.setup()
    from django.db import transaction

    try:
        with transaction.atomic():
            print(table(measure(args.reviews)))
            if args.template_copies:
                print(template_lookup(args.template_copies))
            raise Rollback
    except Rollback:
        pass


def sample(count: int) -> list[int]:
    from openhour.reviews.models import Review

    published = Review.objects.filter(status=Review.Status.PUBLISHED).order_by("pk").values_list("pk", flat=True)
    first, last = published.first(), published.last()
    if first is None or last is None:
        return []
    step = max((last - first) // max(count, 1), 1)
    found = {published.filter(pk__gte=first + step * index).first() for index in range(count)}
    return sorted(pk for pk in found if pk is not None)


def measure(count: int) -> dict[str, list[tuple[float, int]]]:
    """check name -> (milliseconds, queries) per review, and "all" for the sum."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from openhour.reviews.integrity.checks import all_checks
    from openhour.reviews.models import Review

    times: dict[str, list[tuple[float, int]]] = {name: [] for name in [*all_checks(), "all"]}
    chosen = sample(count)
    if chosen:  # a worker is long-lived: what a check loads once (a classifier, an index) is not counted
        warm = Review.objects.get(pk=chosen[0])
        started = time.perf_counter()
        for check in all_checks().values():
            check(warm)
        print(f"first use of the checks in a process: {(time.perf_counter() - started) * 1000:.0f} ms")
    for pk in chosen:
        review = Review.objects.select_related("author", "subject", "contract").get(pk=pk)
        spent, queries = 0.0, 0
        for name, check in all_checks().items():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                check(review)
                elapsed = (time.perf_counter() - started) * 1000
            times[name].append((elapsed, len(captured)))
            spent, queries = spent + elapsed, queries + len(captured)
        times["all"].append((spent, queries))
    return times


def template_lookup(copies: int, rounds: int = 20) -> str:
    """The similarity lookup of one review before and after `copies` other reviews take its band keys, as a text
    spammed over the market would: the median of `rounds` lookups each, and their ratio (1 means bounded)."""
    from django.db import connection

    from openhour.reviews.integrity import similarity
    from openhour.reviews.integrity.checks.similarity_text import BANDS
    from openhour.reviews.integrity.similarity import SimilarityBand

    target = sample(1)[0]
    keys = list(SimilarityBand.objects.filter(review_id=target, band__lt=BANDS).values_list("key", flat=True))

    def lookup_ms() -> float:
        runs = []
        for _round in range(rounds):
            started = time.perf_counter()
            similarity.candidates(keys=keys, exclude=target, limit=200)
            runs.append((time.perf_counter() - started) * 1000)
        return statistics.median(runs)

    before = lookup_ms()
    others = SimilarityBand.objects.filter(band=0).exclude(review_id=target).values_list("review_id", flat=True)
    spare = BANDS + 1000  # slots no review uses: the planted keys sit beside each review's own
    planted = [
        SimilarityBand(review_id=other, band=spare + band, key=key)
        for other in others[:copies]
        for band, key in enumerate(keys)
    ]
    SimilarityBand.objects.bulk_create(planted, batch_size=10_000)
    if connection.vendor == "postgresql":  # the planner sees the hot keys, as it would after autovacuum
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE integrity_similarityband")
    after = lookup_ms()
    return (
        f"similarity lookup of review {target}: {before:.2f} ms alone, {after:.2f} ms with its text on {copies} "
        f"other reviews ({len(planted)} index rows): ratio {after / before:.1f}"
    )


def table(times: dict[str, list[tuple[float, int]]]) -> str:
    rows = [f"{'check':<14}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}{'queries':>9}"]
    for name, runs in times.items():
        if not runs:
            continue
        spent = sorted(ms for ms, _queries in runs)
        p95 = spent[min(len(spent) - 1, int(len(spent) * 0.95))]
        queries = statistics.median(q for _ms, q in runs)
        rows.append(f"{name:<14}{statistics.median(spent):>11.1f}{p95:>9.1f}{spent[-1]:>9.1f}{queries:>9.0f}")
    return "\n".join(rows)


if __name__ == "__main__":
    main()
