"""Each checked review's meaning (`checks/sentence_model.encode`), kept so that a review is compared with the
other reviews of the same person by what they say, not only by their words: a story retold by several accounts
with other wordings, another order and a sentence added reads alike to the encoder (about 0.85) while honest
reviews of one person, even ones sharing a stock phrase, stay under INTEGRITY_MEANING_THRESHOLD (0.8).

Only the same person's reviews are compared, the newest INTEGRITY_MEANING_NEIGHBOURS of them, so the cost of a
check does not grow with the market: one encoding (about 0.1 s) and one indexed read. A review is encoded when it
is checked and its person has others to compare with, and its vector (384 half-precision numbers) stored for the
next review of that person; a review without one (a person's first, or one checked before meanings were kept) is
encoded by a later check, INTEGRITY_MEANING_BACKFILL at a time.

The encoder was trained on English: French retellings land closer to each other than unrelated texts do, but less
surely; an adversary who retells in another language, or to another person's profile, is not found this way."""

from collections.abc import Iterable

import numpy as np

from openhour.reviews.integrity.checks.sentence_model import encode
from openhour.reviews.integrity.models import ReviewMeaning
from openhour.reviews.integrity.similarity import review_text
from openhour.reviews.integrity.thresholds import threshold
from openhour.reviews.models import Review

VECTOR = np.float16


def _keep(texts: Iterable[tuple[int, str, str]]) -> dict[int, np.ndarray]:
    """Encode each (review, went well, could improve) and keep (or replace) its meaning; the vectors by review."""
    vectors = {pk: encode(review_text(went_well, could_improve)) for pk, went_well, could_improve in texts}
    rows = [ReviewMeaning(review_id=pk, vector=vector.astype(VECTOR).tobytes()) for pk, vector in vectors.items()]
    ReviewMeaning.objects.bulk_create(rows, update_conflicts=True, unique_fields=["review"], update_fields=["vector"])
    return vectors


def _vectors(ids: list[int]) -> dict[int, np.ndarray]:
    """The reviews' meanings, encoding (and keeping) the newest INTEGRITY_MEANING_BACKFILL of those without one: a
    person's older reviews are filled in over a few checks, never all at once."""
    found = {
        pk: np.frombuffer(bytes(raw), dtype=VECTOR).astype(np.float32)
        for pk, raw in ReviewMeaning.objects.filter(review_id__in=ids).values_list("review_id", "vector")
    }
    unread = Review.objects.filter(pk__in=set(ids) - set(found)).order_by("-submitted_at")
    return found | _keep(unread.values_list("pk", "went_well", "could_improve")[: threshold("MEANING_BACKFILL")])


def neighbours(review: Review) -> list[int]:
    """The newest INTEGRITY_MEANING_NEIGHBOURS reviews of the same person by other authors."""
    others = (
        Review.objects.filter(subject_id=review.subject_id)
        .exclude(author_id=review.author_id)
        .exclude(status=Review.Status.REMOVED)
        .order_by("-submitted_at")
    )
    return list(others.values_list("pk", flat=True)[: threshold("MEANING_NEIGHBOURS")])


def compared(review: Review, ids: list[int]) -> dict[int, float]:
    """How alike in meaning the review is to each review of `ids` whose meaning is kept or filled in now (1 the
    same, 0 unrelated). The review's own meaning is encoded and kept (an edited review gets its new text's), only
    when there is something to compare it with."""
    if not ids:
        return {}
    mine = _keep([(review.pk, review.went_well, review.could_improve)])[review.pk]
    return {pk: round(float(mine @ vector), 3) for pk, vector in _vectors(ids).items()}


def meaning_refresh(*, batch: int = 200) -> int:
    """Encode again and replace the meaning of every review, `batch` at a time in id order: after an upgrade that
    changes how texts are read (a release's changelog says so). The number of reviews encoded."""
    done, after = 0, 0
    while True:
        rows = list(
            Review.objects.filter(pk__gt=after).order_by("pk").values_list("pk", "went_well", "could_improve")[:batch]
        )
        if not rows:
            return done
        done += len(_keep(rows))
        after = rows[-1][0]


def meaning_fill(*, batch: int = 200) -> int:
    """Encode and keep the meaning of every review that has none yet, newest first, `batch` at a time (about
    0.1 s a review): after an upgrade, so that checks compare with older reviews at once instead of a few per
    check. The number of reviews encoded."""
    done = 0
    while True:
        rows = list(
            Review.objects.exclude(pk__in=ReviewMeaning.objects.values("review_id"))
            .order_by("-submitted_at", "-pk")
            .values_list("pk", "went_well", "could_improve")[:batch]
        )
        if not rows:
            return done
        done += len(_keep(rows))
