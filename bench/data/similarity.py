"""Stage `similarity`: every review's band and sentence keys in the similarity index, computed by the product's
own `integrity.similarity.unindexed_rows`, so a loaded copy is ready for `bench/review_checks.py` as a database
whose reviews were all checked when they were written would be."""

from datetime import datetime

from bench.data.plan import Plan
from bench.data.writer import Table
from openhour.reviews.integrity.similarity import SimilarityBand, unindexed_rows

BATCH = 5000


def load(plan: Plan, now: datetime) -> str:
    table, reviews = Table(SimilarityBand, now), 0
    for rows in unindexed_rows(batch=BATCH, only_missing=False):
        for row in rows:
            table.add(review_id=row.review_id, band=row.band, key=row.key)
        reviews += len({row.review_id for row in rows})
    table.flush()
    return f"{table.count} keys of {reviews} reviews"
