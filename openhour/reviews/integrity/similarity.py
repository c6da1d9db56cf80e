"""The similarity index: each checked review's LSH band keys (`checks/similarity_text.band_keys`), one row per
band, and its sentence keys (`sentence_keys`) in the rows after them, so the duplicate check reads the few reviews
that share a key with the new one through the key index instead of loading every review's text, and counts how
many reviews hold each of its sentences. Written when a review is checked (`index_review`); `manage.py
similarity_index` fills it for reviews checked before it existed.

Every lookup reads at most a fixed number of rows per key (`_holding`), newest reviews first, so a check costs
the same at a million reviews as at a thousand: a key that stock praise gives to a hundred thousand reviews is
not counted to the end, only far enough to know it is common."""

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, models, transaction

from openhour.reviews.integrity.checks.similarity_text import BANDS, band_keys, normalised, sentence_keys


class SimilarityBand(models.Model):
    """One band of one review's MinHash signature: reviews sharing a key are candidates for a near-duplicate."""

    pk = models.CompositePrimaryKey("review", "band")
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="+", db_index=False)
    band = models.PositiveSmallIntegerField()
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key", "review"], name="similarity_by_key")]

    def __str__(self) -> str:
        return f"band {self.band} of review {self.review_id}"


def review_text(went_well: str, could_improve: str) -> str:
    return f"{went_well}\n{could_improve}".strip()


def review_shape(went_well: str, could_improve: str, names: Iterable[str]) -> list[str]:
    return normalised(review_text(went_well, could_improve), names)


def review_keys(went_well: str, could_improve: str, names: Iterable[str]) -> tuple[list[int], list[int]]:
    """(band keys, sentence keys) of a review's text."""
    names = tuple(names)
    return band_keys(review_shape(went_well, could_improve, names)), sentence_keys(
        review_text(went_well, could_improve), names
    )


def _rows(review_id: int, keys: Sequence[int], sentences: Sequence[int]) -> list[SimilarityBand]:
    numbered = [*enumerate(keys), *enumerate(sentences, start=BANDS)]
    return [SimilarityBand(review_id=review_id, band=band, key=key) for band, key in numbered]


def index_review(*, review_id: int, keys: Sequence[int], sentences: Sequence[int] = ()) -> None:
    """Replace the review's band and sentence keys (an edited review gets its new text's keys)."""
    with transaction.atomic():
        SimilarityBand.objects.filter(review_id=review_id).delete()
        SimilarityBand.objects.bulk_create(_rows(review_id, keys, sentences))


def _holding(keys: Sequence[int], cap: int) -> list[tuple[int, int]]:
    """(key, review) for at most `cap` reviews holding each key, newest first: one statement of index probes."""
    if not keys:
        return []
    unique = list(dict.fromkeys(keys))
    table, column = (connection.ops.quote_name(name) for name in (SimilarityBand._meta.db_table, "key"))
    newest = f"SELECT review_id FROM {table} WHERE {column} = {{key}} ORDER BY review_id DESC LIMIT %s"  # noqa: S608  # nosec B608 -- the model's own names
    if connection.vendor == "postgresql":  # one plan for every key: cheaper to plan than a union of them
        statement = f"SELECT k, r FROM unnest(%s::bigint[]) AS k, LATERAL ({newest.format(key='k')}) AS n(r)"  # noqa: S608  # nosec B608
        parameters: list[Any] = [unique, cap]
    else:
        probe = f"SELECT * FROM (SELECT %s, review_id FROM ({newest.format(key='%s')}))"  # noqa: S608  # nosec B608
        statement = " UNION ALL ".join([probe] * len(unique))
        parameters = [value for key in unique for value in (key, key, cap)]
    with connection.cursor() as cursor:
        cursor.execute(statement, parameters)
        return [(key, review) for key, review in cursor.fetchall()]


def candidates(*, keys: Sequence[int], exclude: int, limit: int) -> list[int]:
    """Reviews sharing at least one band key with `keys`, at most `limit`: first those sharing most of the keys
    that were read to the end, then most keys in all, then the newest. A key held by more than `limit` reviews
    brings only its newest `limit` (a text copied that often is found through them), and a review it leaves out
    is still found through any rarer key it shares."""
    found = _holding(keys, limit + 1)
    read = Counter(key for key, _review in found)
    rows = [(key, review) for key, review in found if review != exclude]
    rare = Counter(review for key, review in rows if read[key] <= limit)
    shared = Counter(review for _key, review in rows)
    return sorted(shared, key=lambda review: (-rare[review], -shared[review], -review))[:limit]


def holders(*, keys: Sequence[int], up_to: int) -> dict[int, int]:
    """How many reviews hold each of these keys, counted up to `up_to` (a key held by more reads as `up_to`)."""
    return Counter(key for key, _review in _holding(keys, up_to))


def unindexed_rows(*, batch: int = 2000, only_missing: bool = True) -> Iterator[list[SimilarityBand]]:
    """The rows of every review (or of those not indexed yet), for `batch` reviews at a time, in id order."""
    from openhour.reviews.models import Review

    reviews = Review.objects.order_by("pk")
    if only_missing:
        reviews = reviews.exclude(pk__in=SimilarityBand.objects.filter(band=0).values("review_id"))
    last = 0
    while texts := list(
        reviews.filter(pk__gt=last).values_list("pk", "went_well", "could_improve", "author__name", "subject__name")[
            :batch
        ]
    ):
        yield [
            row
            for pk, went_well, could_improve, author, subject in texts
            for row in _rows(pk, *review_keys(went_well, could_improve, (author, subject)))
        ]
        last = texts[-1][0]


def index_fill(*, batch: int = 2000, only_missing: bool = True) -> int:
    """Index every review (or those not indexed yet), `batch` at a time; the number of reviews indexed."""
    done = 0
    for rows in unindexed_rows(batch=batch, only_missing=only_missing):
        reviews = sorted({row.review_id for row in rows})
        with transaction.atomic():
            SimilarityBand.objects.filter(review_id__in=reviews).delete()
            SimilarityBand.objects.bulk_create(rows, batch_size=5000)
        done += len(reviews)
    return done
