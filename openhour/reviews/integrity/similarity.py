"""The similarity index: each checked review's LSH band keys (`checks/similarity_text.band_keys`), one row per
band, and its sentence keys (`sentence_keys`) in the rows after them, so the duplicate check reads the few reviews
that share a key with the new one through the key index instead of loading every review's text, and counts how
many reviews hold each of its sentences. Written when a review is checked (`index_review`); `manage.py
similarity_index` fills it for reviews checked before it existed."""

from collections.abc import Iterable, Sequence

from django.db import models, transaction
from django.db.models import Count

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


def candidates(*, keys: Sequence[int], exclude: int, limit: int) -> list[int]:
    """Reviews sharing at least one band key with `keys`, those sharing most first, at most `limit`."""
    if not keys:
        return []
    rows = (
        SimilarityBand.objects.filter(key__in=keys)
        .exclude(review_id=exclude)
        .values("review_id")
        .annotate(shared=Count("band"))
        .order_by("-shared", "-review_id")[:limit]
    )
    return [row["review_id"] for row in rows]


def holders(*, keys: Sequence[int]) -> dict[int, int]:
    """How many reviews hold each of these keys."""
    rows = SimilarityBand.objects.filter(key__in=keys).values("key").annotate(reviews=Count("review_id"))
    return {row["key"]: row["reviews"] for row in rows}


def index_fill(*, batch: int = 2000, only_missing: bool = True) -> int:
    """Index every review (or those not indexed yet), `batch` at a time; the number of reviews indexed."""
    from openhour.reviews.models import Review

    reviews = Review.objects.order_by("pk")
    if only_missing:
        reviews = reviews.exclude(pk__in=SimilarityBand.objects.filter(band=0).values("review_id"))
    done, last = 0, 0
    while True:
        rows = list(
            reviews.filter(pk__gt=last).values_list(
                "pk", "went_well", "could_improve", "author__name", "subject__name"
            )[:batch]
        )
        if not rows:
            return done
        bands = [
            band
            for pk, went_well, could_improve, author, subject in rows
            for band in _rows(pk, *review_keys(went_well, could_improve, (author, subject)))
        ]
        with transaction.atomic():
            SimilarityBand.objects.filter(review_id__in=[row[0] for row in rows]).delete()
            SimilarityBand.objects.bulk_create(bands, batch_size=5000)
        done, last = done + len(rows), rows[-1][0]
