"""Incentives and threats: wording that buys a rating ("5 stars and I'll refund you", "une remise contre un bon
avis", free extra work for a good review, money to take a review down) or forces one ("change your review
or …", "unless you refund me I'll leave one star", "retirez votre avis, sinon …"), in the review's own text
and in the pair's messages from LEAD_DAYS before the contract started until now.

A classifier trained on a labelled set of English and French sentences (incentive_model) reads each message
whole and sentence by sentence, and tells an offer or a threat apart from ordinary complaints ("I reported
the late delivery to support"), deadlines, reminders to leave a review and thanks. A message is a finding
when the probability of an offer or a threat reaches INTEGRITY_INCENTIVE_MIN_PROBABILITY; it scores from
QUEUE_AT (so it queues) up to 0.7 for an offer or 0.8 for a threat when the probability reaches
INTEGRITY_INCENTIVE_SURE_PROBABILITY. The rating is never read.

The sender is part of the evidence: a bribe from the person reviewed, an ultimatum from the author, or
pressure on the author after the fact all put this review in doubt, and an operator reads which it was.
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from openhour.contracts.models import Contract
from openhour.messaging.models import Message
from openhour.reviews.integrity.checks import Evidence, Finding
from openhour.reviews.integrity.thresholds import threshold
from openhour.reviews.models import Review

# The classifier (numpy, scikit-learn: tens of MB) loads where checks run, in the worker, not in every web process.
if TYPE_CHECKING:
    import numpy as np

LEAD_DAYS = 30
SCORES = {"offer": 0.7, "threat": 0.8}  # what a finding scores when the classifier is sure
QUEUE_AT = 0.5  # what a finding scores at the least: risk.QUEUE_RISK, so every finding is looked at
PHRASE = 200
SENTENCE = re.compile(r"(?<=[.!?…;])\s+|\n+")
WHAT = {
    "offer": "offers something of value for a rating",
    "threat": "uses a rating as a threat or an ultimatum",
}
WHO = {"author": "the review's author", "subject": "the person reviewed"}


def min_probability() -> float:
    return threshold("INCENTIVE_MIN_PROBABILITY")


def sure_probability() -> float:
    return threshold("INCENTIVE_SURE_PROBABILITY")


@dataclass(frozen=True)
class Reading:
    kind: str  # offer or threat
    phrase: str  # the sentence (or, when no one sentence says it, the message) that was read so
    probability: float
    score: float


def score_of(kind: str, probability: float) -> float:
    """QUEUE_AT at the least probability that counts, rising to SCORES[kind] at the sure one."""
    low, high = min_probability(), sure_probability()
    share = min(1.0, max(0.0, (probability - low) / max(high - low, 1e-9)))
    return round(QUEUE_AT + (SCORES[kind] - QUEUE_AT) * share, 4)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE.split(text) if part.strip()]


def readings(text: str) -> list[Reading]:
    """The offer and the threat found in one text (at most one of each), with the sentence that says it."""
    return readings_of([text])[0]


def readings_of(texts: list[str]) -> list[list[Reading]]:
    """`readings` of many texts, classified in one batch: each text whole, and each of its sentences. A text that
    never names a review, a rating or stars is not read at all: it cannot trade or threaten a rating, however much
    its "otherwise" sounds like an ultimatum ("Otherwise accounts will chase me")."""
    units = [_units(text) if _names_a_rating(text) else [] for text in texts]
    flat = [unit for parts in units for unit in parts]
    if not flat:
        return [[] for _text in texts]
    from openhour.reviews.integrity.checks.incentive_model import classifier

    probabilities = classifier().probabilities(flat)
    found, start = [], 0
    for parts in units:
        found.append(_read(parts, probabilities[start : start + len(parts)]) if parts else [])
        start += len(parts)
    return found


def _names_a_rating(text: str) -> bool:
    from openhour.reviews.integrity.checks.incentive_model import CUE, normalised

    return bool(CUE["rating"].search(normalised(text)))


def _units(text: str) -> list[str]:
    parts = sentences(text)
    return parts if len(parts) <= 1 else [text.strip(), *parts]


def _read(units: list[str], probabilities: "np.ndarray") -> list[Reading]:
    from openhour.reviews.integrity.checks.incentive_model import LABELS

    found = []
    for kind in SCORES:
        column = probabilities[:, LABELS.index(kind)]
        best = int(column.argmax())
        if column[best] < min_probability():
            continue
        sentence = int(column[1:].argmax()) + 1 if len(units) > 1 else 0
        phrase = units[sentence] if column[sentence] >= min_probability() else units[best]
        found.append(Reading(kind, phrase[:PHRASE], round(float(column[best]), 4), score_of(kind, column[best])))
    return found


def matches(text: str) -> list[tuple[str, str]]:
    """(kind, phrase) of each incentive or threat found in a text."""
    return [(reading.kind, reading.phrase) for reading in readings(text)]


def explained(reading: Reading, sent_by: str, *, in_review: bool) -> str:
    where = "The review's own text" if in_review else f"A message from {WHO[sent_by]}"
    return f"{where} {WHAT[reading.kind]}: “{reading.phrase}”"


def _texts(review: Review) -> list[tuple[int | None, str, str]]:
    """(message id or None for the review itself, sent by, text) of everything the check reads."""
    started = Contract.objects.filter(pk=review.contract_id).values_list("created_at", flat=True).first()
    texts: list[tuple[int | None, str, str]] = [(None, "author", f"{review.went_well}\n{review.could_improve}")]
    if started is None:
        return texts
    low, high = sorted((review.author_id, review.subject_id))
    messages = Message.objects.filter(
        conversation__first_id=low, conversation__second_id=high, created_at__gte=started - timedelta(days=LEAD_DAYS)
    ).values_list("pk", "sender_id", "text")
    for pk, sender_id, text in messages.order_by("created_at", "pk"):
        texts.append((pk, "author" if sender_id == review.author_id else "subject", text))
    return texts


def check(review: Review) -> Finding | None:
    found: list[Evidence] = []
    texts = _texts(review)
    for (pk, sent_by, _text), read in zip(texts, readings_of([text for _pk, _by, text in texts]), strict=True):
        for reading in read:
            found.append(
                {"message": pk, "sent_by": sent_by, "kind": reading.kind, "phrase": reading.phrase}
                | {"probability": reading.probability, "explained": explained(reading, sent_by, in_review=pk is None)}
            )
    if not found:
        return None
    remaining = 1.0
    for kind in {str(item["kind"]) for item in found}:
        best = max(score_of(kind, float(item["probability"])) for item in found if item["kind"] == kind)
        remaining *= 1 - best
    return round(1 - remaining, 4), {"messages": found}
