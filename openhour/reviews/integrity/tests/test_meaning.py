"""One story retold to one person's profile by two accounts, in other words and another order, shares too few
words for the text check and is found by its meaning: both reviews are queued for a moderator, never held on
that. Honest reviews of one person about different work, even ones sharing a stock sentence, are not alike in
meaning; nor is a retelling compared with reviews of other people."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_user
from openhour.accounts.models import User
from openhour.reviews.integrity.checks import duplicate
from openhour.reviews.integrity.checks.sentence_model import encode
from openhour.reviews.integrity.models import ReviewMeaning
from openhour.reviews.models import Review
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db

TOLD = (
    "Since Mara rebuilt our booking site, online reservations for the guesthouse have doubled. The new pages "
    "look lovely and load quickly on phones. Every design choice was explained clearly and each delivery came "
    "exactly when promised."
)
RETOLD = (
    "Reservations through our website have gone up twofold since Mara redid it for the guesthouse. Each "
    "delivery landed on the agreed day and all the decisions were walked through with us. Visually gorgeous, "
    "and it runs smoothly on mobile. Highly recommended."
)
HONEST = (
    "Mara moved our accounting spreadsheets into a proper database and trained two of our staff to run the "
    "monthly reports. Questions were answered the same day, usually within the hour.",
    "We asked Mara for a logo and a set of business cards for the bakery. Questions were answered the same day, "
    "usually within the hour, and the cards were printed in time for the opening.",
)


def _review(client, freelancer, text: str) -> Review:
    contract = finished(client, freelancer)
    review = review_submit(contract_id=contract.pk, by=client, data=body(went_well=text))
    return Review.objects.get(pk=review.pk)


@pytest.fixture
def people(db):
    clients = [make_user(f"guest{i}", name=f"Guest{i} Client", client=True) for i in range(3)]
    return (
        clients,
        make_user("mara", name="Mara Lind", freelancer=True),
        make_user("omar", name="Omar Vale", freelancer=True),
    )


def test_the_encoder_reads_meaning_not_words():
    assert float(encode(TOLD) @ encode(RETOLD)) >= 0.8
    assert float(encode(TOLD) @ encode(HONEST[0])) < 0.5


def test_a_story_retold_to_one_profile_in_other_words_is_queued_with_the_first(people):
    (ann, bea, _cal), mara, _omar = people
    first = _review(ann, mara, TOLD)
    assert first.risk_decision == Review.Risk.PUBLISH  # nothing to compare with yet

    retold = _review(bea, mara, RETOLD)
    score, evidence = duplicate.check(retold)
    [match] = [match for match in evidence["matches"] if "meaning" in match]
    assert match["review"] == first.pk and match["meaning"] >= 0.8 > evidence["best_jaccard"]
    assert evidence["explanation"].startswith("1 other account(s)' review(s) of the same person say the same")
    assert score < 0.9
    decided = dict(Review.objects.filter(pk__in=[first.pk, retold.pk]).values_list("pk", "risk_decision"))
    assert decided == {first.pk: Review.Risk.QUEUE, retold.pk: Review.Risk.QUEUE}  # looked at, never held on this


REBRAND = (
    "Our rebrand by Mara is gorgeous, especially the logo. Highly recommended. All the concepts were presented with "
    "reasoning and realistic mock-ups. Changes came back fast and made it better each time. Our clients constantly "
    "praise the fresh branding.",
    "Mara gave us a whole new identity, logo and all, and it looks amazing. Every proposal was explained properly and "
    "shown on photos of our real products. Each round of edits arrived promptly and moved things forward. People "
    "comment on the new look all the time.",
    "The brand new identity Mara created for us, logo included, looks amazing. Each proposal was explained properly "
    "and shown on real product photos. Changes came back fast and made it better each time. Our clients constantly "
    "praise the fresh branding.",
)


def test_a_retelling_sharing_sentences_with_the_story_joins_it_though_its_meaning_strays(people):
    """Three accounts retell one story to Mara's profile. The first shares whole rare sentences with the last but is
    told loosely enough to stay under the meaning threshold with both; the second shares no sentence but the meaning.
    The first is queued with the others all the same, rather than left the one published voice of the story."""
    (ann, bea, cal), mara, _omar = people
    long_ago = timezone.now() - timedelta(days=400)  # established clients: no burst of new accounts beside it
    User.objects.filter(pk__in=[ann.pk, bea.pk, cal.pk]).update(date_joined=long_ago)
    loose = _review(ann, mara, REBRAND[0])
    close = _review(bea, mara, REBRAND[1])
    last = _review(cal, mara, REBRAND[2])
    assert float(encode(REBRAND[0]) @ encode(REBRAND[2])) < 0.8 <= float(encode(REBRAND[1]) @ encode(REBRAND[2]))
    _score, evidence = duplicate.check(last)
    assert loose.pk in evidence["reviews"]
    decided = Review.objects.filter(pk__in=[loose.pk, close.pk, last.pk]).values_list("risk_decision", flat=True)
    assert set(decided) == {Review.Risk.QUEUE}


def test_honest_reviews_of_one_person_sharing_a_stock_sentence_are_not_alike_in_meaning(people):
    (ann, bea, _cal), mara, _omar = people
    written = [_review(client, mara, text) for client, text in zip((ann, bea), HONEST, strict=True)]
    assert [review.risk_decision for review in written] == [Review.Risk.PUBLISH] * 2
    assert ReviewMeaning.objects.filter(review=written[1]).exists()  # compared, and kept for the next review


def test_a_retelling_on_another_persons_profile_is_not_compared_by_meaning(people):
    (ann, bea, _cal), mara, omar = people
    _review(ann, mara, TOLD)
    elsewhere = _review(bea, omar, RETOLD)
    assert duplicate.check(elsewhere) is None and elsewhere.risk_decision == Review.Risk.PUBLISH
    assert not ReviewMeaning.objects.filter(review=elsewhere).exists()  # Omar has no other review to compare


SHARED = (
    "The handover notes ran to nine pages and were genuinely useful.",
    "Replies slowed down a little at weekends.",
)
DIFFERENT_STORIES = (
    f"Mara was patient while we worked out what we wanted from the landing page copy. {SHARED[0]} The result is "
    f"better than the mock-ups. {SHARED[1]}",
    f"Our old stock import had been bothering us for months. {SHARED[0]} Our warehouse team uses it every morning "
    f"now. {SHARED[1]}",
)


def test_two_stories_sharing_stock_sentences_are_not_a_retelling(people):
    """Two clients of one person who happen to write the same two stock sentences about different work: the words
    alone would call it a retelling, the meaning says two stories, so neither is flagged."""
    (ann, bea, _cal), mara, _omar = people
    first = _review(ann, mara, DIFFERENT_STORIES[0])
    second = _review(bea, mara, DIFFERENT_STORIES[1])
    assert float(encode(DIFFERENT_STORIES[0]) @ encode(DIFFERENT_STORIES[1])) < 0.6
    assert duplicate.check(second) is None
    assert [first.risk_decision, second.risk_decision] == [Review.Risk.PUBLISH] * 2


def test_meanings_of_older_reviews_are_filled_by_the_index_command(people):
    from django.core.management import call_command

    (ann, bea, _cal), mara, omar = people
    written = [_review(ann, mara, TOLD), _review(bea, omar, HONEST[0])]
    assert not ReviewMeaning.objects.exists()  # neither person has a second reviewer: nothing compared yet
    call_command("similarity_index", "--meanings", stdout=io.StringIO())
    assert set(ReviewMeaning.objects.values_list("review_id", flat=True)) == {review.pk for review in written}


def test_every_kept_meaning_is_encoded_again_with_all(people):
    """After an upgrade that reads texts differently, --all --meanings replaces the meanings kept before."""
    from django.core.management import call_command

    (ann, _bea, _cal), mara, _omar = people
    review = _review(ann, mara, TOLD)
    ReviewMeaning.objects.update_or_create(review=review, defaults={"vector": bytes(len(encode(TOLD).tobytes()))})
    stale = bytes(ReviewMeaning.objects.get(review=review).vector)

    call_command("similarity_index", "--all", "--meanings", stdout=io.StringIO())

    assert bytes(ReviewMeaning.objects.get(review=review).vector) != stale


def test_the_moderator_reads_the_finding_in_words(people, operator, client_for):
    """The case page says what the check found in sentences first; the recorded evidence is there to unfold."""
    from openhour.reviews.integrity.models import Case

    (ann, bea, _cal), mara, _omar = people
    _review(ann, mara, TOLD)
    retold = _review(bea, mara, RETOLD)
    case = Case.objects.get(review=retold)
    page = client_for(operator).get(f"/operations/moderation/{case.pk}").content.decode()
    said = page.index("review(s) of the same person say the same in other words")
    assert said < page.index("The evidence as recorded") and "<details>" in page
    compared = page.index("The reviews the checks name, to compare")
    assert page.index("Reservations through our website", 0) < compared < page.index("Since Mara rebuilt our booking")
    assert client_for(bea).get(f"/operations/moderation/{case.pk}").status_code in (403, 404)  # not for authors
