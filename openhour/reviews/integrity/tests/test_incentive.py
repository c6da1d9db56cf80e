"""Offers of value for a rating and ratings used as threats, in English and French, in the pair's messages or
the review's own text; ordinary complaints, deadlines, reminders and thanks are not findings."""

import json

import pytest

from openhour.messaging.conversations.services import message_send
from openhour.reviews.integrity.checks import incentive, incentive_model
from openhour.reviews.integrity.risk import QUEUE_RISK
from openhour.reviews.integrity.tests.test_signals import review

pytestmark = pytest.mark.django_db
NONE = incentive.Reading("none", "", 0.0, 0.0)


def _only(found, kind):
    (item,) = [item for item in found[1]["messages"] if item["kind"] == kind]
    return item


def test_an_offer_and_a_threat_in_the_pairs_messages_are_found_with_their_senders(clara, fred):
    message_send(to=clara, by=fred, text="Hi Clara, the files are ready.")
    offer = message_send(to=clara, by=fred, text="Give me 5 stars and I'll refund £20 of the fee.")
    threat = message_send(to=fred, by=clara, text="I will leave you a bad review unless you cut the price.")

    score, evidence = found = incentive.check(review(clara, fred))

    assert [(item["message"], item["sent_by"], item["kind"]) for item in evidence["messages"]] == [
        (offer.pk, "subject", "offer"),
        (threat.pk, "author", "threat"),
    ]
    assert _only(found, "offer")["phrase"] == "Give me 5 stars and I'll refund £20 of the fee."
    assert 0.9 < score <= 1 - 0.3 * 0.2  # an offer and a threat together hold


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Leave me a glowing review and I'll knock 20% off the final invoice.", "offer"),
        ("Happy to add the mobile version for free, as long as the review is five stars.", "offer"),
        ("Take down that 2-star review and I'll give you a full refund.", "offer"),
        ("Si vous me laissez 5 étoiles, je vous fais une remise de 20 % sur la facture.", "offer"),
        ("Je vous offre une révision gratuite en échange d'un avis positif.", "offer"),
        ("Change your review or I'll report you as a scammer.", "threat"),
        ("Unless you refund me, I'm leaving you one star.", "threat"),
        ("Retirez votre avis, sinon je préviens toutes les agences que je connais.", "threat"),
        ("Remboursez-moi ou je vous mets une étoile partout.", "threat"),
    ],
)
def test_offers_and_threats_in_english_and_french_queue_the_review(clara, fred, text, kind):
    message_send(to=clara, by=fred, text=text)
    score, evidence = incentive.check(review(clara, fred))
    assert [item["kind"] for item in evidence["messages"]] == [kind]
    assert QUEUE_RISK <= score <= incentive.SCORES[kind]


@pytest.mark.parametrize(
    "text",
    [
        "The delivery was late, so I reported it to support.",
        "I've reported the late delivery to support; nothing personal.",
        "If the files aren't delivered by Friday, I'll have to open a dispute.",
        "Please leave a review when you have time.",
        "Thanks so much, five stars from me!",
        "As a repeat client you get 10% off your next order.",
        "J'ai signalé le retard de livraison au support.",
        "Si les fichiers ne sont pas livrés vendredi, j'ouvrirai un litige.",
        "N'hésitez pas à laisser un avis quand vous aurez un moment.",
        "Merci beaucoup, je vous ai mis cinq étoiles !",
        # ultimatums about anything but a rating: no review is traded or threatened
        "Could you send the invoice today? Otherwise accounts will chase me.",
        "Envoyez la facture aujourd'hui, sinon la compta va me relancer.",
    ],
)
def test_complaints_deadlines_reminders_and_thanks_are_no_incentive(clara, fred, text):
    message_send(to=fred, by=clara, text=text)
    assert incentive.check(review(clara, fred)) is None


def test_a_harsh_but_fair_review_that_mentions_support_is_no_incentive(clara, fred):
    written = review(
        clara,
        fred,
        overall=1,
        went_well="The first draft was fine.",
        could_improve="Two weeks late; I reported the late delivery to support and they had to step in.",
    )
    assert incentive.check(written) is None


def test_the_evidence_shows_the_sentence_that_said_it_in_words(clara, fred):
    message_send(
        to=clara,
        by=fred,
        text="Hi Clara, the files are attached. By the way, leave me five stars and I'll refund £20. Have a nice day!",
    )
    item = _only(incentive.check(review(clara, fred)), "offer")
    assert item["phrase"] == "By the way, leave me five stars and I'll refund £20."
    assert item["explained"] == (
        "A message from the person reviewed offers something of value for a rating: "
        "“By the way, leave me five stars and I'll refund £20.”"
    )


def test_the_reviews_own_text_is_read_too(clara, fred):
    written = review(clara, fred, went_well="Good logo. Five stars in exchange for the free extra pages, as agreed.")
    item = _only(incentive.check(written), "offer")
    assert item["message"] is None and item["sent_by"] == "author"
    assert item["explained"].startswith("The review's own text offers something of value for a rating")


def test_ordinary_talk_and_other_pairs_messages_are_not_read_as_incentives(clara, fred, olga):
    message_send(to=clara, by=fred, text="Thanks! I'll leave you an honest review once the contract ends.")
    message_send(to=fred, by=clara, text="Could you refund the deposit for the cancelled part?")
    message_send(to=olga, by=fred, text="5 stars and I'll refund you, if you review me.")  # not this pair
    assert incentive.check(review(clara, fred)) is None


def test_the_rating_is_not_read(clara, fred, olga):
    text = "Rate me five stars and the next job is on me."
    message_send(to=clara, by=fred, text=text)
    message_send(to=olga, by=fred, text=text)
    one_star, five_stars = (
        incentive.check(review(clara, fred, overall=1)),
        incentive.check(review(olga, fred, overall=5)),
    )
    assert one_star[0] == five_stars[0]
    assert [item["probability"] for item in one_star[1]["messages"]] == [
        item["probability"] for item in five_stars[1]["messages"]
    ]


def test_sentences_written_after_training_are_mostly_read_right():
    """A fixed set of sentences written after the first classifier was trained (a check, not a tuning set, since)."""
    rows = [json.loads(line) for line in (incentive_model.DATA / "unseen.jsonl").read_text().splitlines()]
    guessed = [max(incentive.readings(row["text"]), key=lambda r: r.probability, default=NONE).kind for row in rows]
    truth = [row["label"] for row in rows]
    measured = incentive_model.scores(truth, guessed)
    assert measured["accuracy"] >= 0.8
    assert measured["none_flagged"] <= 3
    for row, label in zip(rows, guessed, strict=True):
        if "support" in row["text"]:
            assert label == "none", row["text"]
