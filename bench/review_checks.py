"""How long one review's integrity checks take at scale: every check of `risk.assess`, one by one, then the
whole assessment, over --reviews published reviews picked at random.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a copy of a scale database> python bench/review_checks.py

Everything runs in one transaction that is rolled back at the end, so the database is left as it was: the
similarity index is filled first when it is empty (the same `index_fill` as `manage.py similarity_index`; its
time is reported), then each review is checked. The table shows p50 and p95 per check and for the whole
assessment (checks plus writing the signals), in milliseconds, and the number of queries of each. The goal is
under 200 ms per review at 1M published reviews.
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
    """Raised to leave the bench's transaction without keeping anything."""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(reviews: int) -> dict[str, list[float]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from openhour.reviews.integrity import risk, similarity
    from openhour.reviews.integrity.checks import all_checks
    from openhour.reviews.models import Review

    started = time.perf_counter()
    filled = 0 if similarity.SimilarityBand.objects.exists() else similarity.index_fill(batch=5000)
    print(f"similarity index: {filled} reviews indexed in {time.perf_counter() - started:.0f} s")
    picked = list(
        Review.objects.filter(status=Review.Status.PUBLISHED).order_by("?").values_list("pk", flat=True)[:reviews]
    )
    times: dict[str, list[float]] = {}
    queries: dict[str, list[float]] = {}
    for review in Review.objects.filter(pk__in=picked).select_related("author", "subject", "contract"):
        for kind, check in [*all_checks().items(), ("assess (all)", risk.assess)]:
            with CaptureQueriesContext(connection) as captured:
                begun = time.perf_counter()
                check(review)
                times.setdefault(kind, []).append((time.perf_counter() - begun) * 1000)
            queries.setdefault(kind, []).append(len(captured))
    print(f"{len(picked)} reviews of {Review.objects.filter(status=Review.Status.PUBLISHED).count()} published")
    print(f"{'check':<16}{'p50 ms':>10}{'p95 ms':>10}{'queries':>10}")
    for kind, values in times.items():
        print(f"{kind:<16}{statistics.median(values):>10.1f}{percentile(values, 0.95):>10.1f}{max(queries[kind]):>10}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openhour.settings")
    import django

    django.setup()
    from django.db import transaction

    try:
        with transaction.atomic():
            measure(args.reviews)
            raise Rollback
    except Rollback:
        print("rolled back: the database is as it was")


if __name__ == "__main__":
    main()
