"""Operators read card payments and invoices in the admin and cannot change them; other people get nothing."""

import pytest

from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db


def test_operators_read_payments_and_invoices_but_cannot_change_them(clara, fred, operator, client_for, ledger_ok):
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    top_up(clara, 21_000)
    client_for(clara).post(f"/api/v1/milestones/{milestone.pk}/fund", {}, content_type="application/json")
    admin = client_for(operator)
    payments = admin.get("/admin/money/payment/")
    invoices = admin.get("/admin/money/invoice/")
    assert payments.status_code == 200 and "£210" in payments.content.decode()
    assert invoices.status_code == 200 and "£210" in invoices.content.decode()
    assert admin.get("/admin/money/payment/add/").status_code == 403
    assert admin.get("/admin/money/invoice/add/").status_code == 403
    assert client_for(clara).get("/admin/money/payment/").status_code == 302  # not staff: to the admin login
    ledger_ok()
