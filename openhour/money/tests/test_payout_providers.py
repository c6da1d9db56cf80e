"""The three ways money leaves: PayPal (against a local fake of its Payouts API), SEPA files for the
operator's bank, and wires marked by hand. Operators act through the admin, always with a reason."""

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from openhour.lib.process import timers_fire_due
from openhour.money import ledger
from openhour.money.management.commands.run_payouts import run_once
from openhour.money.models import Payout, PayoutBatch, PayoutTimer
from openhour.money.payouts.methods import payout_method_add
from openhour.money.payouts.providers import manual_bank, paypal
from openhour.money.payouts.services import payout_request
from openhour.money.tests.fake_paypal import FakePayPal, running
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
LATER = timedelta(days=3, hours=1)


def wallet(user, currency="GBP"):
    return ledger.wallet(owner=user, currency=currency)


def lines(client_for, user):
    return [line["description"] for line in client_for(user).get("/api/v1/wallet/transactions").json()["items"]]


@pytest.fixture
def fake_paypal(settings) -> Iterator[FakePayPal]:
    yield from running(settings)


@pytest.fixture
def fred_paypal(fred):
    top_up(fred, 50_000)
    method = payout_method_add(owner=fred, kind="paypal", details={"email": "fred@example.com"})
    return payout_request(owner=fred, amount=20_000, currency="GBP", method_id=method.pk)


# ---- PayPal --------------------------------------------------------------------------------------------


def test_paypal_payout_stays_held_until_the_hold_date_then_is_sent_and_paid(
    fred, fred_paypal, fake_paypal, client_for, ledger_ok
):
    assert run_once() == (0, 0)
    assert Payout.objects.get().status == "held" and fake_paypal.items() == []

    with time_machine.travel(timezone.now() + LATER):
        run_once()  # the hold is over: sent here and submitted to PayPal
        payout = Payout.objects.get()
        assert payout.status == "sent" and payout.provider_ref in fake_paypal.batches
        (item,) = fake_paypal.items()
        assert item["receiver"] == "fred@example.com"
        assert item["amount"] == {"value": "200.00", "currency": "GBP"}
        assert (wallet(fred).balance, wallet(fred).pending_out) == (30_000, 0)

        run_once()  # the poll finds it paid
    payout.refresh_from_db()
    assert payout.status == "paid" and len(fake_paypal.items()) == 1
    assert [e.action for e in payout.events.all()] == ["request", "hold", "send", "pay"]
    assert "Withdrawal to PayPal f•••@example.com paid" in lines(client_for, fred)
    ledger_ok()


def test_the_timer_sends_to_paypal_after_its_transaction_commits(
    fred_paypal, fake_paypal, django_capture_on_commit_callbacks, ledger_ok
):
    with time_machine.travel(timezone.now() + LATER):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            assert timers_fire_due(timer_model=PayoutTimer, fire=paypal.fire) == 1
        assert len(callbacks) == 1
    payout = Payout.objects.get()
    assert payout.status == "sent" and payout.provider_ref in fake_paypal.batches
    ledger_ok()


def test_paypal_is_never_called_inside_a_transaction(fred_paypal, fake_paypal):
    from django.db import transaction

    with transaction.atomic(), pytest.raises(RuntimeError, match="transaction"):
        paypal.paypal_submit(payout_id=fred_paypal.pk)


@pytest.mark.parametrize("outcome", ["FAILED", "RETURNED"])
def test_a_failed_paypal_payout_returns_the_money_with_the_reason(
    outcome, fred, fred_paypal, fake_paypal, client_for, ledger_ok
):
    fake_paypal.outcome = outcome
    with time_machine.travel(timezone.now() + LATER):
        run_once()
        run_once()
    payout = client_for(fred).get(f"/api/v1/payouts/{fred_paypal.pk}").json()
    assert payout["status"] == "failed" and "cannot be paid" in payout["failure_reason"]
    assert (wallet(fred).balance, wallet(fred).available) == (50_000, 50_000)
    assert lines(client_for, fred)[0] == "Withdrawal returned: PayPal: The receiver cannot be paid."
    ledger_ok()


def test_paypal_down_leaves_the_payout_sent_and_the_next_round_submits_it_once(fred_paypal, fake_paypal, ledger_ok):
    fake_paypal.down = True
    with time_machine.travel(timezone.now() + LATER):
        run_once()
        assert Payout.objects.get().status == "sent" and not Payout.objects.get().provider_ref
        fake_paypal.down = False
        run_once()
        run_once()
    assert Payout.objects.get().status == "paid" and len(fake_paypal.items()) == 1
    ledger_ok()


def test_a_repeated_submission_is_deduplicated_by_paypal(fred_paypal, fake_paypal, ledger_ok):
    with time_machine.travel(timezone.now() + LATER):
        run_once()
        Payout.objects.filter(pk=fred_paypal.pk).update(provider_ref="")  # as if the answer had been lost
        paypal.paypal_submit(payout_id=fred_paypal.pk)
    assert len(fake_paypal.items()) == 1 and Payout.objects.get().provider_ref in fake_paypal.batches
    ledger_ok()


def test_wrong_paypal_credentials_send_nothing_and_keep_the_money_reserved(
    settings, fred, fred_paypal, fake_paypal, ledger_ok
):
    settings.PAYPAL_CLIENT_SECRET = "wrong"
    with time_machine.travel(timezone.now() + LATER):
        run_once()
    assert fake_paypal.items() == [] and Payout.objects.get().status == "sent"
    assert wallet(fred).balance == 30_000  # in flight, not lost: the next round with good credentials sends it
    ledger_ok()


# ---- SEPA files -------------------------------------------------------------------------------------


@pytest.fixture
def euro_payouts(fred, olga):
    """Fred and Olga withdraw euros to IBANs; Fred also pounds to a sort-code account."""
    top_up(fred, 100_000, "EUR")
    top_up(fred, 10_000, "GBP")
    top_up(olga, 50_000, "EUR")
    fred_iban = payout_method_add(
        owner=fred,
        kind="bank_transfer",
        details={"account_holder": "Fred Freelancer", "iban": "DE89370400440532013000", "bic": "COBADEFFXXX"},
    )
    olga_iban = payout_method_add(
        owner=olga,
        kind="bank_transfer",
        details={"account_holder": "Olga Outsider", "iban": "FR1420041010050500013M02606", "bic": "PSSTFRPPLIL"},
    )
    fred_uk = payout_method_add(
        owner=fred,
        kind="bank_transfer",
        details={"account_holder": "Fred Freelancer", "sort_code": "12-34-56", "account_number": "12345678"},
    )
    made = [
        payout_request(owner=fred, amount=45_050, currency="EUR", method_id=fred_iban.pk),
        payout_request(owner=olga, amount=30_000, currency="EUR", method_id=olga_iban.pk),
        payout_request(owner=fred, amount=5_000, currency="GBP", method_id=fred_uk.pk),
    ]
    return made


def test_a_sepa_batch_holds_the_ready_euro_payouts_with_the_operators_debtor_details(
    settings, fred, operator, euro_payouts, ledger_ok
):
    with pytest.raises(Exception, match="No euro bank payouts are ready"):
        manual_bank.batch_export(by=operator)  # still on hold
    with time_machine.travel(timezone.now() + LATER):
        batch = manual_bank.batch_export(by=operator)

    root = ET.fromstring(batch.xml)  # noqa: S314 -- a file we just wrote
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    assert header.findtext("p:NbOfTxs", namespaces=NS) == "2"
    assert header.findtext("p:CtrlSum", namespaces=NS) == "750.50"
    info = root.find("p:CstmrCdtTrfInitn/p:PmtInf", NS)
    assert info.findtext("p:Dbtr/p:Nm", namespaces=NS) == settings.OPERATOR_LEGAL_NAME
    assert info.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == settings.OPERATOR_IBAN
    assert info.findtext("p:DbtrAgt/p:FinInstnId/p:BIC", namespaces=NS) == settings.OPERATOR_BIC
    sent = {
        tx.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=NS): (
            tx.findtext("p:Amt/p:InstdAmt", namespaces=NS),
            tx.findtext("p:PmtId/p:EndToEndId", namespaces=NS),
        )
        for tx in info.findall("p:CdtTrfTxInf", NS)
    }
    fred_eur, olga_eur, fred_gbp = euro_payouts
    assert sent == {
        "DE89370400440532013000": ("450.50", fred_eur.pk.hex),
        "FR1420041010050500013M02606": ("300.00", olga_eur.pk.hex),
    }
    assert batch.total == 75_050 and batch.currency == "EUR" and batch.created_by == operator
    statuses = {p.pk: p.status for p in Payout.objects.all()}
    assert (statuses[fred_eur.pk], statuses[olga_eur.pk], statuses[fred_gbp.pk]) == ("sent", "sent", "held")
    assert wallet(fred, "EUR").balance == 100_000 - 45_050

    manual_bank.batch_mark_paid(batch=batch, by=operator)
    manual_bank.batch_mark_paid(batch=batch, by=operator)  # a second click changes nothing
    assert set(batch.payouts.values_list("status", flat=True)) == {"paid"}
    assert PayoutBatch.objects.get().status == "paid"
    ledger_ok()


def test_only_operators_export_and_only_euros_go_in_sepa_files(fred, operator, euro_payouts, ledger_ok):
    from openhour.lib.errors import InvalidInput, NotAllowed

    with time_machine.travel(timezone.now() + LATER):
        with pytest.raises(NotAllowed):
            manual_bank.batch_export(by=fred)
        with pytest.raises(InvalidInput):
            manual_bank.batch_export(by=operator, currency="GBP")
    assert not PayoutBatch.objects.exists()
    ledger_ok()


def test_sort_code_payouts_are_listed_for_faster_payments(euro_payouts):
    text = manual_bank.faster_payments_csv(Payout.objects.select_related("method"))
    rows = text.strip().splitlines()
    assert rows[0].startswith("name,sort_code,account_number,amount")
    assert len(rows) == 2 and rows[1].startswith("Fred Freelancer,123456,12345678,50.00,GBP,")


# ---- the admin ----------------------------------------------------------------------------------------


@pytest.fixture
def fred_wire(fred):
    top_up(fred, 50_000, "USD")
    method = payout_method_add(
        owner=fred,
        kind="wire",
        details={
            "account_holder": "Fred Freelancer",
            "swift": "CHASUS33",
            "account_number": "000123456789",
            "bank_name": "JPMorgan Chase",
            "bank_address": "383 Madison Ave, New York",
            "country": "US",
        },
    )
    return payout_request(owner=fred, amount=40_000, currency="USD", method_id=method.pk)


def act(browser, action, payout, **form):
    return browser.post("/admin/money/payout/", {"action": action, "_selected_action": [str(payout.pk)], **form})


def test_an_operator_marks_a_wire_sent_with_a_reference_then_paid(fred, operator, fred_wire, client_for, ledger_ok):
    admin = client_for(operator)
    assert admin.get("/admin/money/payout/").status_code == 200
    asking = act(admin, "mark_sent", fred_wire)
    assert asking.status_code == 200 and b"Reason" in asking.content  # the intermediate page asks why

    no_reason = act(admin, "mark_sent", fred_wire, apply="1", reference="FT123")
    assert no_reason.status_code == 200 and Payout.objects.get().status == "held"

    done = act(admin, "mark_sent", fred_wire, apply="1", reason="Wired from our bank", reference="FT 2611 0042")
    assert done.status_code == 302
    assert b"Wired from our bank" in admin.get(f"/admin/money/payout/{fred_wire.pk}/change/").content
    payout = Payout.objects.get()
    assert (payout.status, payout.provider_ref) == ("sent", "FT 2611 0042")
    assert payout.events.last().note == "Wired from our bank"
    assert wallet(fred, "USD").balance == 10_000

    act(admin, "mark_paid", fred_wire, apply="1", reason="Bank confirmed arrival")
    assert Payout.objects.get().status == "paid"
    ledger_ok()


def test_an_operator_marks_a_sent_payout_failed_and_the_money_returns(fred, operator, fred_wire, client_for, ledger_ok):
    admin = client_for(operator)
    act(admin, "mark_sent", fred_wire, apply="1", reason="Wired", reference="FT1")
    act(admin, "mark_failed", fred_wire, apply="1", reason="The beneficiary bank rejected the account number")

    payout = Payout.objects.get()
    assert payout.status == "failed" and payout.failure_reason.startswith("The beneficiary bank")
    assert (wallet(fred, "USD").balance, wallet(fred, "USD").available) == (50_000, 50_000)
    ledger_ok()


def test_the_admin_exports_a_sepa_batch_and_marks_it_paid(operator, euro_payouts, client_for, ledger_ok):
    admin = client_for(operator)
    with time_machine.travel(timezone.now() + LATER):
        assert b"DE89370400440532013000" in admin.get("/admin/money/payoutbatch/export/").content
        assert admin.post("/admin/money/payoutbatch/export/").status_code == 302
    batch = PayoutBatch.objects.get()
    download = admin.get(f"/admin/money/payoutbatch/{batch.pk}/xml/")
    assert download["Content-Type"] == "application/xml" and download.content.decode() == batch.xml
    assert admin.get("/admin/money/payoutbatch/").status_code == 200

    admin.post("/admin/money/payoutbatch/", {"action": "mark_batch_paid", "_selected_action": [str(batch.pk)]})
    assert set(batch.payouts.values_list("status", flat=True)) == {"paid"}
    ledger_ok()


def test_people_who_are_not_operators_cannot_use_the_payout_admin(olga, fred_wire, client_for, ledger_ok):
    browser = client_for(olga)
    assert browser.get("/admin/money/payout/").status_code == 302  # to the admin sign-in
    act(browser, "mark_sent", fred_wire, apply="1", reason="mine now", reference="X")
    assert browser.post("/admin/money/payoutbatch/export/").status_code == 302
    assert Payout.objects.get().status == "held" and not PayoutBatch.objects.exists()
    ledger_ok()
