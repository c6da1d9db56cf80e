"""On PostgreSQL, issuers working at the same moment still get distinct invoice numbers without gaps."""

import pytest

from conftest import make_user
from openhour.money.models import Invoice
from openhour.money.services import escrow, invoices
from openhour.money.tests.kit import contract_between, in_parallel, top_up

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def numbers() -> dict[str, list[int]]:
    """Per series, the numbers used, in order, once the worker's numbering round has run."""
    invoices.invoices_number_due()
    found: dict[str, list[int]] = {}
    for number in Invoice.objects.values_list("number", flat=True):
        _prefix, _year, series, n = number.split("-")
        found.setdefault(series, []).append(int(n))
    return {series: sorted(used) for series, used in found.items()}


def test_clients_funding_at_once_get_distinct_gapless_receipt_numbers(fred, ledger_ok):
    milestones = []
    for n in range(6):
        client = make_user(f"client{n}", name=f"Client {n}", client=True)
        milestones.append(contract_between(client, fred, 10_000).milestones.get())
        top_up(client, 10_500)

    results = in_parallel(6, lambda: escrow.escrow_fund(milestone_id=milestones.pop().pk, actor="client"))

    assert not [result for result in results if isinstance(result, Exception)], results
    assert all(used == list(range(1, len(used) + 1)) for used in numbers().values()), numbers()
    assert sum(len(used) for used in numbers().values()) == 6
    assert Invoice.objects.filter(kind="receipt").values("milestone").distinct().count() == 6
    ledger_ok()


def test_plain_issuers_at_once_take_numbers_one_after_another(clara, ledger_ok):
    line: invoices.Line = {"description": "Adjustment", "amount": 100}

    results = in_parallel(
        8,
        lambda: invoices.invoice_issue(
            kind=Invoice.Kind.RECEIPT,
            recipient=clara,
            milestone=None,
            lines=[line],
            currency="GBP",
        ),
    )

    assert not [result for result in results if isinstance(result, Exception)], results
    assert numbers() == {invoices.series_for(clara): list(range(1, 9))}
    ledger_ok()


def test_the_same_receipt_issued_at_once_is_issued_once(clara, fred, ledger_ok):
    milestone = contract_between(clara, fred, 10_000).milestones.get()
    top_up(clara, 10_500)
    escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara)
    Invoice.objects.all().delete()  # as if funding had happened before invoices existed
    milestone.refresh_from_db()

    results = in_parallel(4, lambda: invoices.receipt_for_funding(milestone))

    assert not [result for result in results if isinstance(result, Exception)], results
    assert Invoice.objects.count() == 1
    assert {result.pk for result in results} == {Invoice.objects.get().pk}
    ledger_ok()
