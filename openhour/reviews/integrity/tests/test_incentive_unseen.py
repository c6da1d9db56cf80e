"""Indirect offers and veiled threats, in English and French, are read by meaning; price haggling, loyalty
discounts and invitations to leave honest feedback are not; and a fresh set of sentences, written after the
classifier last changed, is mostly read right in both languages."""

import json

import pytest

from openhour.messaging.conversations.services import message_send
from openhour.reviews.integrity.checks import incentive, incentive_model
from openhour.reviews.integrity.risk import QUEUE_RISK
from openhour.reviews.integrity.tests.test_signals import review

NONE = incentive.Reading("none", "", 0.0, 0.0)


def _guessed(text: str) -> str:
    return max(incentive.readings(text), key=lambda reading: reading.probability, default=NONE).kind


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Leave me a five-star review and I'll make it worth your while.", "offer"),
        ("Un bon avis et je ferai un geste sur la prochaine facture.", "offer"),
        ("Remove that review and I'll compensate you for your trouble.", "offer"),
        ("It would be a shame if my review mentioned the missing pages. Refund me.", "threat"),
        ("Mon avis dépendra de votre remboursement. À bon entendeur.", "threat"),
    ],
)
def test_indirect_offers_and_veiled_threats_queue_the_review(clara, fred, text, kind):
    message_send(to=clara, by=fred, text=text)
    score, evidence = incentive.check(review(clara, fred))
    assert [item["kind"] for item in evidence["messages"]] == [kind]
    assert QUEUE_RISK <= score <= incentive.SCORES[kind]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "My day rate is £400, but I can knock a bit off if you book three months.",
        "Je vous fais un prix si vous prenez les trois logos.",
        "Feel free to leave honest feedback, good or bad.",
        "Please leave a review if you were happy with the work.",
        "Je vous envoie la note avec la remise fidélité.",  # "la note" is the bill here
        "I'll review the invoice tomorrow and pay it.",
    ],
)
def test_haggling_loyalty_discounts_and_honest_feedback_are_no_incentive(clara, fred, text):
    message_send(to=fred, by=clara, text=text)
    assert incentive.check(review(clara, fred)) is None


@pytest.mark.parametrize("text", ["5* pls", "leave a good reveiw", "a perfect score", "vous me notez bien"])
def test_shorthand_and_typos_still_name_a_rating(text):
    assert incentive._names_a_rating(text)


def test_sentences_written_after_the_classifier_last_changed_are_mostly_read_right():
    """unseen_2.jsonl: 84 sentences, en and fr, never used to tune the classifier (84.5% when written)."""
    rows = [json.loads(line) for line in (incentive_model.DATA / "unseen_2.jsonl").read_text().splitlines()]
    guessed = [_guessed(row["text"]) for row in rows]
    assert incentive_model.scores([row["label"] for row in rows], guessed)["accuracy"] >= 0.8
    for lang in ("en", "fr"):
        mine = [i for i, row in enumerate(rows) if row["lang"] == lang]
        measured = incentive_model.scores([rows[i]["label"] for i in mine], [guessed[i] for i in mine])
        assert measured["accuracy"] >= 0.75, lang
        assert measured["none_flagged"] <= 1, lang
    assert all(label == "none" for row, label in zip(rows, guessed, strict=True) if "support" in row["text"])
