"""Escrow legs name their milestone; legs written before they did get it from their "milestone:<id>" reference,
also on PostgreSQL, where transfers are otherwise append-only."""

import importlib
import uuid

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from openhour.money import ledger
from openhour.money.ledger import Leg
from openhour.money.models import Transfer
from openhour.money.services import escrow
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("openhour.money.migrations.0011_transfer_milestone_from_reference").backfill


class Editor:
    """What the migration uses of a schema editor: the connection and `execute`."""

    connection = connection

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_escrow_legs_name_their_milestone(clara, fred, ledger_ok):
    milestone = contract_between(clara, fred, 30_000).milestones.get()
    top_up(clara, escrow.funding_quote(milestone).total)
    escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara)
    escrow.escrow_release(milestone_id=milestone.pk, actor="client", by=clara)
    kinds = set(milestone.transfers.values_list("kind", flat=True))
    assert kinds == {Transfer.Kind.FUND, Transfer.Kind.CLIENT_FEE, Transfer.Kind.RELEASE, Transfer.Kind.FREELANCER_FEE}
    assert Transfer.objects.get(kind=Transfer.Kind.DEPOSIT).milestone is None
    ledger_ok()


def test_escrow_leg_ids_stay_what_earlier_versions_posted(clara, fred, ledger_ok):
    """The id is the idempotency key: a retry after an upgrade must find the transfer it already posted."""
    milestone = contract_between(clara, fred, 30_000).milestones.get()
    top_up(clara, escrow.funding_quote(milestone).total)
    escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara)
    escrow.escrow_release(milestone_id=milestone.pk, actor="client", by=clara)
    for transfer in milestone.transfers.all():
        assert transfer.id == uuid.uuid5(escrow.ESCROW, f"milestone:{milestone.pk}:{transfer.kind}")
    ledger_ok()


def test_older_escrow_legs_get_their_milestone_from_the_reference(clara, fred, ledger_ok):
    milestone = contract_between(clara, fred, 30_000).milestones.get()
    top_up(clara, 1_000)
    wallet, held = ledger.wallet(owner=clara, currency="GBP"), escrow.escrow_account(milestone)
    ledger.post(
        Leg(debit=wallet, credit=held, amount=500, kind=Transfer.Kind.FUND, reference=f"milestone:{milestone.pk}")
    )
    ledger.post(Leg(debit=wallet, credit=held, amount=100, kind=Transfer.Kind.FUND, reference="milestone:999999"))
    backfill(apps, Editor())
    assert list(milestone.transfers.values_list("amount", flat=True)) == [500]
    assert Transfer.objects.get(amount=100).milestone is None  # no such milestone: left as it was
    assert Transfer.objects.get(kind=Transfer.Kind.DEPOSIT).milestone is None
    if connection.vendor == "postgresql":  # append-only again once the backfill is done
        with pytest.raises(DatabaseError), transaction.atomic():
            Transfer.objects.filter(amount=100).update(description="changed")
    ledger_ok()
