"""The combined risk and the decision: hold only clear fakes, queue the doubtful (published, with an
automatic case), publish the rest; re-assessing after an edit replaces the signals; a held review stays
unpublished when its round closes."""

import pytest

from conftest import make_user
from openhour.reviews.integrity.models import AccessRecord, Case, RiskSignal
from openhour.reviews.integrity.risk import assess, decide
from openhour.reviews.models import Review
from openhour.reviews.services.reviews import review_edit, review_submit
from openhour.reviews.tests.kit import body, finished

COPY = (
    "Priya understood our stock system at once and the export has run every night since, "
    "with clear notes on every step and a short video for the team."
)

STOCK = "A pleasure to work for; Sam shared every asset on day one."


def dup(jaccard, *, same_author=False):
    return (0.4 if same_author else jaccard), {"best_jaccard": 0.0 if same_author else jaccard}


def conflict(*kinds, score=0.95):
    return score, {"kinds": list(kinds)}


@pytest.mark.parametrize(
    ("findings", "risk", "decision"),
    [
        ({}, 0.0, "publish"),
        ({"duplicate": dup(0.85)}, 0.45, "publish"),  # like one other review, not a copy: noted
        ({"duplicate": (0.95, {"best_jaccard": 0.85, "cluster": {}})}, 0.85, "queue"),  # like several: queued
        ({"duplicate": dup(0.9)}, 0.9, "hold"),
        ({"duplicate": dup(1.0, same_author=True)}, 0.4, "publish"),
        ({"conflict": conflict("device")}, 0.95, "hold"),
        ({"conflict": conflict("card")}, 0.95, "hold"),
        ({"conflict": conflict("payout")}, 0.95, "hold"),
        ({"conflict": conflict("ip", score=0.6)}, 0.6, "queue"),
        ({"conflict": conflict("email_domain", score=0.6)}, 0.6, "queue"),
        ({"wash_trading": (0.6, {})}, 0.6, "queue"),
        ({"burst": (0.5, {})}, 0.5, "queue"),
        ({"burst": (0.3, {}), "incentive": (0.2, {})}, 0.44, "publish"),
        ({"burst": (0.5, {}), "incentive": (0.7, {})}, 0.85, "queue"),
        ({"wash_trading": (0.6, {}), "burst": (0.5, {}), "incentive": (0.8, {})}, 0.96, "hold"),
        # a stock one-liner matched word for word, even as a cluster over many people: noted, never queued
        ({"duplicate": (1.0, {"best_jaccard": 1.0, "text": STOCK, "cluster": {}})}, 0.3, "publish"),
        # a loose cluster of texts alike but not copies: a moderator compares them, nothing is hidden
        ({"duplicate": (0.95, {"best_jaccard": 0.69, "text": COPY, "cluster": {}})}, 0.85, "queue"),
        (
            {"duplicate": (0.95, {"best_jaccard": 0.69, "text": COPY, "cluster": {}}), "incentive": (0.5, {})},
            0.925,
            "hold",
        ),
        # one other review alike but not a copy: two honest reviews of similar work read alike, so it is noted only,
        # and queued when a finding that queues on its own joins it
        ({"duplicate": (0.75, {"best_jaccard": 0.75, "text": COPY})}, 0.45, "publish"),
        # but another account's review of the same person reading alike is queued: one's reviewers rarely write
        # alike unless asked to
        ({"duplicate": (0.75, {"best_jaccard": 0.75, "text": COPY, "same_person": 1})}, 0.75, "queue"),
        ({"duplicate": (0.75, {"best_jaccard": 0.75, "text": COPY}), "incentive": (0.5, {})}, 0.725, "queue"),
        # written first changes nothing for a loose pair: still noted only, never raised to a queue by it
        ({"duplicate": (0.75, {"best_jaccard": 0.75, "text": COPY, "first_written": True})}, 0.45, "publish"),
        ({"duplicate": (1.0, {"best_jaccard": 1.0, "text": COPY, "first_written": True})}, 0.85, "queue"),
        ({"duplicate": (1.0, {"best_jaccard": 1.0, "text": COPY})}, 1.0, "hold"),
        # colleagues' shared office and domain (weak) beside a loose match with someone else's review: two notes of
        # what honest life produces do not add up to a queue
        (
            {"duplicate": (0.85, {"best_jaccard": 0.75, "text": COPY}), "conflict": conflict("ip", score=0.44)},
            0.692,
            "publish",
        ),
        # a note beside a finding that queues on its own adds to its risk
        ({"conflict": conflict("ip", score=0.44), "incentive": (0.5, {})}, 0.72, "queue"),
    ],
)
def test_the_decision_table(findings, risk, decision):
    assert decide(findings) == (pytest.approx(risk), decision)


def _published_elsewhere(text):
    """A published review by two other people, whose text someone copies."""
    author = make_user("otto", name="Otto Other", client=True)
    subject = make_user("fiona", name="Fiona Free", freelancer=True)
    contract = finished(author, subject)
    original = review_submit(contract_id=contract.pk, by=author, data=body("client", went_well=text))
    review_submit(contract_id=contract.pk, by=subject, data=body("freelancer"))
    return original


@pytest.mark.django_db
def test_a_copied_review_is_held_when_the_round_closes_and_an_automatic_case_is_open(clara, fred):
    original = _published_elsewhere(COPY)
    contract = finished(clara, fred)
    copy = review_submit(contract_id=contract.pk, by=clara, data=body("client", 1, went_well=COPY))
    assert (copy.status, copy.risk_decision, copy.risk_score) == ("sealed", "hold", 1.0)
    signal = RiskSignal.objects.get(review=copy)
    assert signal.kind == "duplicate" and signal.evidence["matches"][0]["review"] == original.pk

    reply = review_submit(contract_id=contract.pk, by=fred, data=body("freelancer"))
    copy.refresh_from_db()
    assert (copy.status, copy.published_at) == (Review.Status.HELD, None)
    assert reply.status == Review.Status.PUBLISHED and reply.risk_decision == "publish"
    assert list(Review.objects.shown().filter(contract=contract)) == [reply]
    assert copy.events.filter(action="hold", actor="system").exists()
    case = Case.objects.get(review=copy)
    assert (case.source, case.status) == (Case.Source.AUTOMATIC, Case.Status.OPEN)
    assert not Case.objects.filter(review=reply).exists()


@pytest.mark.django_db
def test_a_doubtful_review_is_published_and_queued_for_a_check(clara, fred):
    for person in (clara, fred):
        AccessRecord.objects.create(user=person, kind="login", ip="81.2.69.142", device=f"{person.pk:032d}")
    contract = finished(clara, fred)
    queued = review_submit(contract_id=contract.pk, by=clara, data=body("client"))
    review_submit(contract_id=contract.pk, by=fred, data=body("freelancer"))

    queued.refresh_from_db()
    assert (queued.status, queued.risk_decision, queued.risk_score) == ("published", "queue", 0.6)
    assert Case.objects.get(review=queued).source == Case.Source.AUTOMATIC
    assert Review.objects.shown().filter(pk=queued.pk).exists()


@pytest.mark.django_db
def test_an_edit_is_assessed_again_and_replaces_the_signals(clara, fred):
    _published_elsewhere(COPY)
    contract = finished(clara, fred)
    review = review_submit(contract_id=contract.pk, by=clara, data=body("client", went_well=COPY))
    assert review.risk_decision == "hold"

    assess(review)  # assessing again does not pile up signals or cases
    assert RiskSignal.objects.filter(review=review).count() == 1
    assert Case.objects.filter(review=review).count() == 1

    own = "The export Fred wrote runs nightly; he explained the stock mapping to our whole warehouse team."
    edited = review_edit(contract_id=contract.pk, by=clara, data=body("client", went_well=own))
    edited.refresh_from_db()
    assert (edited.risk_decision, edited.risk_score) == ("publish", 0.0)
    assert not RiskSignal.objects.filter(review=review).exists()

    review_submit(contract_id=contract.pk, by=fred, data=body("freelancer"))
    edited.refresh_from_db()
    assert edited.status == Review.Status.PUBLISHED


@pytest.mark.django_db
def test_the_rating_is_no_input_to_the_risk(clara, fred, olga):
    _published_elsewhere(COPY)
    low = review_submit(contract_id=finished(clara, fred).pk, by=clara, data=body("client", 1, went_well=COPY))
    high = review_submit(contract_id=finished(clara, olga).pk, by=clara, data=body("client", 5, went_well=COPY))
    assert (low.risk_score, low.risk_decision) == (high.risk_score, high.risk_decision)


@pytest.mark.django_db
def test_an_assessment_takes_the_same_few_queries_however_many_reviews_exist(clara, fred, olga):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(review):
        fresh = Review.objects.get(pk=review.pk)
        with CaptureQueriesContext(connection) as captured:
            assess(fresh)
        return len(captured)

    first = review_submit(contract_id=finished(clara, fred).pk, by=clara, data=body("client"))
    few = queries(first)
    for person in (fred, olga):
        review_submit(contract_id=finished(clara, person).pk, by=clara, data=body("client", went_well=COPY))
    assert queries(first) == few <= 20


@pytest.mark.django_db
def test_a_pattern_found_by_its_last_review_is_given_to_the_earlier_ones(fred):
    from openhour.reviews.integrity.tests.test_signals import _newcomers, _ring

    _people, ring = _ring(["xena", "yuri", "zack"])
    for review in Review.objects.filter(pk__in=[r.pk for r in ring]):
        assert review.signals.get().kind == "wash_trading"
        assert (review.status, review.risk_decision) == ("published", "queue")  # published before: a case, no hold
        assert Case.objects.filter(review=review, source=Case.Source.AUTOMATIC).exists()

    burst = []
    for person in _newcomers(4):
        contract = finished(person, fred)
        burst.append(review_submit(contract_id=contract.pk, by=person, data=body("client")))
    assert RiskSignal.objects.filter(kind="burst", review__in=burst).count() == 4
    assert set(Review.objects.filter(pk__in=[r.pk for r in burst]).values_list("risk_decision", flat=True)) == {"queue"}


@pytest.mark.django_db
def test_a_review_checked_again_keeps_the_pattern_another_review_found(fred, settings):
    """Checks run in any order (a queue, an edit): a review's own check that no longer sees the burst does not
    wipe the signal the burst's other reviews gave it."""
    from openhour.reviews.integrity import risk
    from openhour.reviews.integrity.tests.test_signals import _newcomers

    burst = [
        review_submit(contract_id=finished(person, fred).pk, by=person, data=body("client")) for person in _newcomers(3)
    ]
    settings.INTEGRITY_BURST_MIN = 10  # its own check alone finds no burst now
    risk.assess(burst[0])
    burst[0].refresh_from_db()
    assert burst[0].signals.get().kind == "burst" and burst[0].risk_decision == "queue"


@pytest.mark.django_db
def test_the_first_review_of_a_copied_text_is_queued_never_held():
    """Three clients post one text on three freelancers' profiles: the copies are held, while the first one,
    which may be the honest original the others took, is only queued for a moderator."""
    posted = []
    for n in range(3):
        client = make_user(f"client{n}", name=f"Client {n}", client=True)
        freelancer = make_user(f"free{n}", name=f"Free {n}", freelancer=True)
        contract = finished(client, freelancer)
        posted.append(review_submit(contract_id=contract.pk, by=client, data=body("client", went_well=COPY)))
    first, *copies = Review.objects.filter(pk__in=[r.pk for r in posted]).order_by("submitted_at", "pk")
    assert [copy.risk_decision for copy in copies] == ["hold", "hold"]
    assert first.risk_decision == "queue"
    signal = first.signals.get(kind="duplicate")
    assert signal.evidence["first_written"] and "original" in signal.evidence["weighed"]


@pytest.mark.django_db
def test_an_original_checked_after_its_copy_is_queued_not_held():
    """Checks can run late (a queue, an edit): the earlier review of a copied pair, checked after the copy, finds
    the copy but is the one that may have been copied, so it is queued for a moderator and never held."""
    clara, otto = (make_user(name, name=name.title(), client=True) for name in ("clara", "otto"))
    fred, ines = (make_user(name, name=name.title(), freelancer=True) for name in ("fred", "ines"))
    original = review_submit(contract_id=finished(clara, fred).pk, by=clara, data=body("client", went_well=COPY))
    copy = review_submit(contract_id=finished(otto, ines).pk, by=otto, data=body("client", went_well=COPY))
    assess(Review.objects.get(pk=original.pk))
    original.refresh_from_db()
    copy.refresh_from_db()
    assert (copy.risk_decision, original.risk_decision) == ("hold", "queue")
    assert original.signals.get(kind="duplicate").evidence["first_written"]


@pytest.mark.django_db
def test_copies_stay_held_when_the_original_is_checked_after_them(settings):
    """The worker may check the original last, after its copies (the first copy checked found nothing yet): the
    copies are held, each given the cluster's evidence but not the original's "written first" mark, and only the
    original is queued."""
    from openhour.reviews.services.checks import review_checks_finish

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # checks wait for the worker
    posted = []
    for n in range(3):
        client = make_user(f"client{n}", name=f"Client {n}", client=True)
        freelancer = make_user(f"free{n}", name=f"Free {n}", freelancer=True)
        contract = finished(client, freelancer)
        posted.append(review_submit(contract_id=contract.pk, by=client, data=body("client", went_well=COPY)))
    original, *copies = posted
    for review in (*copies, original):
        review_checks_finish(review_id=review.pk)
    decided = dict(Review.objects.filter(pk__in=[r.pk for r in posted]).values_list("pk", "risk_decision"))
    assert decided == {original.pk: "queue", copies[0].pk: "hold", copies[1].pk: "hold"}
    for copy in copies:
        assert not RiskSignal.objects.get(review=copy, kind="duplicate").evidence.get("first_written")
