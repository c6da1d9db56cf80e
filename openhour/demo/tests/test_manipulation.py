"""The planted scenarios: played through the real services into the demo, labelled in the labels file, planted
once; the audit's numbers are the rows' own counts; neither command runs on a site without the demo."""

from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import QuerySet

from openhour.contracts.models import Contract
from openhour.demo.contracts import seed_contracts
from openhour.demo.manipulation.audit import SIGNAL_THRESHOLD, review_audit
from openhour.demo.manipulation.labels import planted_labels
from openhour.demo.money import seed_money
from openhour.demo.people import seed_demo
from openhour.demo.reviews import seed_reviews
from openhour.messaging.models import Message
from openhour.money.models import Payment, PayoutMethod
from openhour.reviews.integrity.models import AccessRecord, RiskSignal
from openhour.reviews.models import Review

pytestmark = pytest.mark.django_db

EXPECTED = {"duplicate": 3, "conflict": 6, "wash_trading": 18, "burst": 5, "incentive": 4, "clean": 10}


def _demo() -> None:
    seed_demo()
    seed_money()
    seed_contracts()
    seed_reviews()


def test_commands_refuse_without_the_demo(labels_file: Path):
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("seed_manipulation")
    with pytest.raises(CommandError, match="seed_manipulation"):
        call_command("review_audit")
    assert not planted_labels() and not labels_file.exists()


def test_planting_labels_every_scenario_once_and_the_audit_counts_the_rows(ledger_ok):
    _demo()
    out = StringIO()
    call_command("seed_manipulation", stdout=out)

    assert Counter(planted_labels().values()) == EXPECTED
    assert "wash_trading    18" in out.getvalue()
    _assert_the_evidence_is_there()

    reviews, contracts = Review.objects.count(), Contract.objects.count()
    again = StringIO()
    call_command("seed_manipulation", stdout=again)
    assert "nothing new" in again.getvalue()
    assert (Review.objects.count(), Contract.objects.count()) == (reviews, contracts)
    assert len(planted_labels()) == sum(EXPECTED.values())
    ledger_ok()

    _assert_the_audit_counts_the_rows()


def _assert_the_evidence_is_there() -> None:
    # Copies: the same long text, bar a name or a phrase, by three clients of one freelancer.
    copies = _planted("duplicate")
    assert {review.subject.username for review in copies} == {"marek-dvorak"}
    assert all("whole shop" in review.went_well for review in copies)
    # Shared devices: one device and IP on both sides, one card behind both parties' payments, one bank account.
    owen, lily = (AccessRecord.objects.filter(user__username=u).first() for u in ("owen-price", "lily-price"))
    assert owen and lily and (owen.device, owen.ip) == (lily.device, lily.ip)
    cards = {
        u: set(Payment.objects.filter(payer__username=u).values_list("card_fingerprint", flat=True))
        for u in ("sam-okoro", "tariq-haddad", "owen-price")
    }
    assert cards["sam-okoro"] == cards["tariq-haddad"] and cards["sam-okoro"].isdisjoint(cards["owen-price"])
    details = [m.details for m in PayoutMethod.objects.filter(owner__username__in=["nina-berg", "erik-lund"])]
    assert len(details) == 2 and details[0] == details[1]
    # The ring: three accounts, nine tiny contracts among themselves, every review five stars.
    ring = _planted("wash_trading")
    assert len({review.contract_id for review in ring}) == 9 and {review.overall for review in ring} == {5}
    assert {review.author.username for review in ring} == {"rhys-morgan", "cora-lane", "jonah-pike"}
    # The burst: five accounts a few days old, all reviewing Rosa within two days.
    burst = _planted("burst").order_by("submitted_at")
    assert {review.subject.username for review in burst} == {"rosa-bianchi"}
    assert (burst.last().submitted_at - burst.first().submitted_at).days < 2
    assert all((review.submitted_at - review.author.date_joined).days < 7 for review in burst)
    # Extortion: the pair's messages come before the reviews.
    for review in _planted("incentive"):
        said = Message.objects.filter(sender__in=[review.author, review.subject], created_at__lt=review.submitted_at)
        assert said.filter(text__iregex=r"5 stars|five stars").exists()


def _assert_the_audit_counts_the_rows() -> None:
    audit = review_audit()
    strong = RiskSignal.objects.filter(score__gte=SIGNAL_THRESHOLD)
    stopped = Review.objects.filter(risk_decision__in=["queue", "hold"])
    for row in audit.kinds:
        planted = _planted(row.kind)
        caught = planted.filter(pk__in=strong.filter(kind=row.kind).values("review")) | planted.filter(
            pk__in=stopped.values("pk")
        )
        flagged = Review.objects.filter(pk__in=strong.filter(kind=row.kind).values("review"))
        assert row.planted == EXPECTED[row.kind]
        assert row.detected == caught.distinct().count()
        assert (row.flagged, row.true_flags) == (flagged.count(), flagged.filter(pk__in=_planted(row.kind)).count())
    clean = _planted("clean")
    assert audit.clean.reviews == 10
    assert audit.clean.queued == clean.filter(risk_decision="queue").count()
    assert audit.overall.planted == sum(EXPECTED.values()) - EXPECTED["clean"]
    demo = Review.objects.filter(author__email__endswith="demo.openhour.test").exclude(pk__in=planted_labels())
    assert audit.ordinary.reviews == demo.exclude(author__in=_planted_people()).count() == 17

    out = StringIO()
    call_command("review_audit", stdout=out)
    print(out.getvalue())  # shown with `pytest -s`: the audit of the planted scenarios
    lines = {line.split()[0]: line.split() for line in out.getvalue().splitlines() if line.strip()}
    for row in [*audit.kinds, audit.overall]:
        assert lines[row.kind][1:3] == [str(row.planted), str(row.detected)]
        assert lines[row.kind][4:6] == [str(row.flagged), str(row.true_flags)]
    assert lines["clean"][2:] == [str(audit.clean.reviews), str(audit.clean.queued), str(audit.clean.held)]


def _planted_people() -> set[int]:
    planted = Review.objects.filter(pk__in=planted_labels())
    return set(planted.values_list("author_id", flat=True)) | set(planted.values_list("subject_id", flat=True))


def _planted(scenario: str) -> QuerySet[Review]:
    return Review.objects.filter(pk__in=[pk for pk, kind in planted_labels().items() if kind == scenario])
