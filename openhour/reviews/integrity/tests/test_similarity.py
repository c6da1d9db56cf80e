"""Paraphrases of one review are found within and across profiles (synonyms, reordering with a sentence added,
names swapped, French synonyms); retellings by several accounts that reuse whole sentences in another order are
found by those sentences while few reviews hold them; a template over three profiles is one cluster; honest stock
phrases and honest reviews of one freelancer that share common words are not duplicates. The
check reads candidates through the persistent band index, in a number of queries that does not grow with the
reviews stored."""

import pytest

from conftest import make_user
from openhour.reviews.integrity import similarity
from openhour.reviews.integrity.checks import duplicate
from openhour.reviews.integrity.checks.similarity_text import char_grams, normalised
from openhour.reviews.integrity.checks.similarity_text import similarity as shape_similarity
from openhour.reviews.integrity.similarity import SimilarityBand
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

ORIGINAL = (
    "Tomasz designed the checkout of our ceramics shop in 9 days, answered every question the same day and "
    "the conversion rate went up the following month; we would happily hire him for the next season."
)
SYNONYMS = (
    "Tomasz created the checkout of our ceramics shop in 9 days, replied to each question the same day and "
    "the conversion rate went up the following month; we would happily engage him for the next season."
)
REORDERED = (
    "The conversion rate went up the following month after Tomasz designed the checkout of our ceramics shop "
    "in 9 days. He answered every question the same day. We would happily hire him for the next season. "
    "Payment went through without a hitch."
)
TEMPLATE = (
    "{name} set up the newsletter automation for our yoga studio within a week, tested each sequence with "
    "real subscribers and left a tidy guide so that anyone on the team can edit the flows."
)
FRENCH = (
    "Amélie a refait le site de notre boulangerie en deux semaines, avec un travail excellent, une "
    "communication rapide et des explications claires pour toute l'équipe du magasin."
)
FRENCH_SYNONYMS = (
    "Amélie a refait le site de notre boulangerie en deux semaines, avec un travail remarquable, une "
    "communication réactive et des explications précises pour toute l'équipe du magasin."
)
STOCK = [
    "Great work, fast delivery.",
    "Great work, fast delivery!",
    "Excellent work, quick delivery, thanks.",
    "Great freelancer, fast delivery, clear communication and a very professional attitude, would hire again.",
    "Excellent freelancer: quick delivery, clear communication, professional throughout. Will hire again for sure.",
]
ONE_FREELANCER_HONEST = [
    "Tomasz moved our shop to a new payment provider and kept every old order intact; a calm, careful developer.",
    "The shop's product pages load twice as fast since Tomasz cleaned up the images and the theme code.",
    "Tomasz fixed the tax rules of our shop for EU customers and wrote down how to change them ourselves.",
    "Our shop had a broken checkout on mobile; Tomasz found the cause in an afternoon and fixed it for good.",
]


def alike(first: str, second: str, names=("Tomasz Nowak",)) -> float:
    return shape_similarity(char_grams(normalised(first, names)), char_grams(normalised(second, names)))


def review(client, freelancer, text, could_improve=""):
    contract = finished(client, freelancer)
    return review_submit(contract_id=contract.pk, by=client, data=body(went_well=text, could_improve=could_improve))


@pytest.fixture
def cast(db):
    """Six clients and four freelancers who have nothing to do with each other."""
    clients = [make_user(f"buyer{i}", name=f"Buyer{i} Client", client=True) for i in range(6)]
    names = ["Tomasz Nowak", "Ines Duarte", "Kofi Mensah", "Aiko Tanaka"]
    freelancers = [make_user(f"maker{i}", name=name, freelancer=True) for i, name in enumerate(names)]
    return clients, freelancers


# ---- the text's shape --------------------------------------------------------------------------------------


@pytest.mark.parametrize("paraphrase", [SYNONYMS, REORDERED], ids=["synonyms", "reordered-with-a-sentence"])
def test_paraphrases_have_the_same_shape(paraphrase):
    assert alike(ORIGINAL, paraphrase) >= duplicate.alike_enough()


def test_names_and_numbers_are_masked():
    first = TEMPLATE.format(name="Ines") + " Invoice 4411 paid."
    second = TEMPLATE.format(name="Kofi") + " Invoice 98 paid."
    assert alike(first, second, names=("Ines Duarte", "Kofi Mensah")) == 1.0
    assert normalised("We met Ines at Acme in 2024.")[-2:] == ["§name", "§num"]


def test_french_synonyms_and_accents_are_folded():
    assert alike(FRENCH, FRENCH_SYNONYMS, names=("Amélie Roux",)) >= duplicate.alike_enough()


@pytest.mark.parametrize("text", STOCK)
def test_stock_phrases_repeat_honestly(text):
    assert duplicate.near_duplicates(text, dict(enumerate(STOCK))) == []


def test_honest_reviews_of_one_freelancer_sharing_words_do_not_match():
    for i, text in enumerate(ONE_FREELANCER_HONEST):
        others = {j: other for j, other in enumerate(ONE_FREELANCER_HONEST) if j != i}
        assert duplicate.near_duplicates(text, others, names=("Tomasz Nowak",)) == []


# ---- the check, through the index ------------------------------------------------------------------------


def test_a_paraphrase_on_the_same_profile_is_found(cast):
    (clara, otto, *_), (tomasz, *_) = cast
    original = review(clara, tomasz, ORIGINAL)
    score, evidence = duplicate.check(review(otto, tomasz, SYNONYMS))
    assert score >= duplicate.alike_enough() and [m["review"] for m in evidence["matches"]] == [original.pk]
    assert "cluster" not in evidence and "names, numbers and synonyms" in evidence["explanation"]
    assert evidence["same_person"] == 1  # two of one person's reviewers writing alike: queued (test_risk)


def test_a_paraphrase_on_another_profile_with_the_name_swapped_is_found(cast):
    (clara, otto, *_), (tomasz, ines, *_) = cast
    original = review(clara, tomasz, ORIGINAL)
    swapped = REORDERED.replace("Tomasz", "Ines").replace("hire him", "hire her").replace("He ", "She ")
    score, evidence = duplicate.check(review(otto, ines, swapped))
    assert score >= duplicate.alike_enough() and evidence["matches"][0]["review"] == original.pk
    assert evidence["same_person"] == 0


def test_a_template_over_three_profiles_is_one_cluster(cast):
    clients, freelancers = cast
    first = review(clients[0], freelancers[0], TEMPLATE.format(name="Tomasz"))
    second = review(clients[1], freelancers[1], TEMPLATE.format(name="Ines"))
    third = review(clients[2], freelancers[2], TEMPLATE.format(name="Kofi"))

    score, evidence = duplicate.check(third)
    assert score >= 0.95
    assert evidence["reviews"] == sorted([first.pk, second.pk, third.pk])
    assert evidence["cluster"]["people"] == 3 and evidence["cluster"]["accounts"] == 3
    assert evidence["explanation"].startswith("One template: 3 reviews about 3 people")


def test_honest_reviews_of_one_freelancer_are_not_flagged(cast):
    clients, (tomasz, *_) = cast
    written = [review(client, tomasz, text) for client, text in zip(clients, ONE_FREELANCER_HONEST, strict=False)]
    assert [duplicate.check(one) for one in written] == [None] * len(written)


def test_the_check_reads_candidates_from_the_index(cast):
    (clara, otto, *_), (tomasz, ines, *_) = cast
    original = review(clara, tomasz, ORIGINAL)
    duplicate.check(original)
    assert SimilarityBand.objects.filter(review=original).count() == 24 + 1  # its bands and its one sentence
    SimilarityBand.objects.filter(review=original).delete()
    copy = review(otto, ines, ORIGINAL)
    assert duplicate.check(copy) is None  # not indexed, not a candidate

    assert similarity.index_fill() >= 1
    score, evidence = duplicate.check(copy)  # "Tomasz" opens the sentence and is not Ines's name: not masked
    assert score >= 0.9 and evidence["best_jaccard"] >= 0.9


def test_queries_do_not_grow_with_the_reviews_stored(cast, django_assert_max_num_queries):
    clients, freelancers = cast
    for i, client in enumerate(clients[:5]):
        review(client, freelancers[i % 4], ONE_FREELANCER_HONEST[i % 4] + f" Order {i}.")
    new = review(clients[5], freelancers[3], ORIGINAL)
    with django_assert_max_num_queries(10):  # the index's reads, and the person's other reviews' meanings
        duplicate.check(new)


# ---- retellings: whole sentences passed between a few accounts ---------------------------------------------

RETOLD = [
    "After {name} rebuilt the booking flow, missed appointments fell by fifty percent.",
    "The system sends a reminder text and mail twenty-four hours before each visit.",
    "Our front desk learned the back office in minutes, no training needed.",
    "Easily the most worthwhile purchase of the year for us.",
]
STOCK_SENTENCE = "Questions were answered the same day, usually within the hour."
OWN = [
    "We run three physiotherapy clinics in the old town, each with its own calendar and patients who book by phone.",
    "Honestly the calmest software project our practice has had; invoices matched quotes and nobody chased anyone.",
    "Our bakery needed a new ordering site before the wedding season, with photos of every cake and tart.",
    "The florist shop wanted a seasonal catalogue, delivery zones drawn on a map and a gift message field.",
    "A small law firm asked for an intranet listing cases, hearings and which partner looks after which client.",
    "A dental surgery's appointment tool, with cancellation slots offered to the waiting list by text message.",
]


def retelling(name, first, second, added):
    """Two sentences of the retelling, in either order, around a sentence of the writer's own."""
    return " ".join([RETOLD[first].format(name=name), added, RETOLD[second].format(name=name)])


def test_a_retelling_that_reuses_sentences_in_another_order_is_found(cast):
    (clara, otto, *_), (tomasz, *_) = cast
    first = review(clara, tomasz, retelling("Tomasz", 0, 1, OWN[0]))
    duplicate.check(first)
    second = review(otto, tomasz, retelling("Tomasz", 1, 0, OWN[1]))
    alone = alike(first.went_well, second.went_well)
    score, evidence = duplicate.check(second)
    assert alone < duplicate.alike_enough() <= score < 0.9  # queued for a moderator, not held
    assert evidence["matches"][0]["review"] == first.pk and evidence["matches"][0]["sentences"] == 2
    assert "whole sentences" in evidence["explanation"]


def test_sharing_different_sentences_with_two_unlike_reviews_is_no_template(cast, settings):
    """A review that shares two sentences with one review and two others with another, while those two have
    nothing in common, is no template over three profiles: copies of one template read alike among themselves.
    (Both matches are kept here whatever their meaning, to see the cluster rule on its own.)"""
    settings.INTEGRITY_MEANING_UNRELATED = 0.0
    clients, (tomasz, ines, kofi, _aiko) = cast
    one = review(clients[0], tomasz, " ".join([OWN[2], RETOLD[0].format(name="Tomasz"), RETOLD[1]]))
    other = review(clients[1], ines, " ".join([OWN[3], RETOLD[2], RETOLD[3]]))
    for written in (one, other):
        duplicate.check(written)
    both = review(clients[2], kofi, " ".join([RETOLD[0].format(name="Kofi"), *RETOLD[1:]]))
    score, evidence = duplicate.check(both)
    assert sorted(match["review"] for match in evidence["matches"]) == [one.pk, other.pk]
    assert "cluster" not in evidence and score < 0.9


def test_sentences_many_reviews_hold_are_stock_not_copied(cast, settings):
    settings.INTEGRITY_DUPLICATE_SENTENCE_REVIEWS = 2
    clients, freelancers = cast
    for i, client in enumerate(clients[:3]):
        duplicate.check(review(client, freelancers[i], f"{OWN[2 + i]} {STOCK_SENTENCE} {RETOLD[3]}"))
    last = review(clients[3], freelancers[3], f"{OWN[5]} {STOCK_SENTENCE} {RETOLD[3]}")
    assert duplicate.check(last) is None


def test_a_key_many_reviews_hold_is_read_only_as_far_as_needed(cast):
    """At a million reviews a stock key is held by thousands: lookups read a few rows per key, newest first, and
    the review sharing most keys still comes first."""
    clients, freelancers = cast
    written = [review(client, freelancers[i % 4], OWN[i]) for i, client in enumerate(clients[:6])]
    stock, rare = 1001, 2002
    for one in written:
        similarity.index_review(review_id=one.pk, keys=[stock])
    similarity.index_review(review_id=written[0].pk, keys=[stock, rare])

    assert similarity.holders(keys=[stock, rare, 3003], up_to=4) == {stock: 4, rare: 1}
    assert similarity.candidates(keys=[stock, rare], exclude=written[5].pk, limit=2) == [written[0].pk, written[4].pk]
