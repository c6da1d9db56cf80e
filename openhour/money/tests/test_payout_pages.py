"""The payout pages: add and remove methods, review a withdrawal (what arrives, where and when) before
confirming it, see and cancel one's own withdrawals. Nobody else's, and not without signing in."""

import pytest
from django.utils import timezone

from openhour.money import ledger
from openhour.money.models import Payout, PayoutMethod
from openhour.money.payouts.methods import payout_method_add
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db

PAGES = ["/wallet/payouts", "/wallet/payouts/new", "/wallet/payout-methods", "/wallet/payout-methods/new"]


@pytest.fixture
def fred_paypal(fred):
    top_up(fred, 50_000)
    return payout_method_add(owner=fred, kind="paypal", details={"email": "fred@example.com"})


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_is_sent_to_sign_in(page, client):
    answer = client.get(page)
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


@pytest.mark.parametrize("page", PAGES)
def test_each_page_renders_for_its_owner(page, fred, fred_paypal, client_for):
    assert client_for(fred).get(page).status_code == 200


def test_adding_an_iban_shows_it_masked_with_its_hold(fred, client_for):
    browser = client_for(fred)
    answer = browser.post(
        "/wallet/payout-methods/new",
        {
            "kind": "bank_transfer",
            "bank_account_holder": "Fred Freelancer",
            "bank_iban": "GB33 BUKB 2020 1555 5555 55",
            "bank_bic": "bukbgb22",
            "paypal_email": "ignored@example.com",
        },
    )
    assert answer.status_code == 302
    method = PayoutMethod.objects.get()
    assert method.details == {"account_holder": "Fred Freelancer", "iban": "GB33BUKB20201555555555", "bic": "BUKBGB22"}
    listing = browser.get("/wallet/payout-methods").content.decode()
    assert "IBAN •••• 5555" in listing and "GB33BUKB20201555555555" not in listing
    assert timezone.localtime(method.usable_from).strftime("%-d %b %Y") in listing


def test_a_wrong_iban_rerenders_the_form_with_the_error_on_the_field(fred, client_for):
    answer = client_for(fred).post(
        "/wallet/payout-methods/new",
        {
            "kind": "bank_transfer",
            "bank_account_holder": "Fred",
            "bank_iban": "GB34BUKB20201555555555",
            "bank_bic": "BUKBGB22",
        },
    )
    assert answer.status_code == 400
    assert "check digits are wrong" in answer.content.decode()
    assert answer.context["form"].errors["bank_iban"]
    assert not PayoutMethod.objects.exists()


def test_a_wire_needs_its_own_fields(fred, client_for):
    answer = client_for(fred).post("/wallet/payout-methods/new", {"kind": "wire", "bank_account_holder": "Fred"})
    assert answer.status_code == 400
    assert {"wire_swift", "wire_bank_name", "wire_country"} <= set(answer.context["form"].errors)


def test_removing_a_method_and_olga_cannot_remove_freds(fred, olga, fred_paypal, client_for):
    assert client_for(olga).post(f"/wallet/payout-methods/{fred_paypal.pk}/remove").status_code == 404
    assert "fred@example.com" not in client_for(olga).get("/wallet/payout-methods").content.decode()
    assert client_for(fred).post(f"/wallet/payout-methods/{fred_paypal.pk}/remove").status_code == 302
    fred_paypal.refresh_from_db()
    assert fred_paypal.removed_at is not None


def test_withdrawing_shows_what_arrives_and_when_before_the_click(fred, fred_paypal, client_for, ledger_ok):
    browser = client_for(fred)
    form = {"amount": "200.00", "currency": "GBP", "method": str(fred_paypal.pk), "key": "k1"}

    review = browser.post("/wallet/payouts/new", form)
    text = review.content.decode()
    assert review.status_code == 200 and not Payout.objects.exists()
    assert "£200" in text and "PayPal f•••@example.com" in text
    assert timezone.localtime(fred_paypal.usable_from).strftime("%-d %b %Y") in text  # the hold date

    confirm = {**form, "confirm": "1", "reviewed": review.context["review"]["signature"]}
    assert browser.post("/wallet/payouts/new", confirm).status_code == 302
    assert browser.post("/wallet/payouts/new", confirm).status_code == 302  # a double click: still one payout
    payout = Payout.objects.get()
    assert (payout.amount, payout.status) == (20_000, "held")
    listing = browser.get("/wallet/payouts").content.decode()
    assert "Held until" in listing and "£200" in listing
    ledger_ok()


def test_a_changed_amount_is_reviewed_again(fred, fred_paypal, client_for, ledger_ok):
    browser = client_for(fred)
    form = {"amount": "200.00", "currency": "GBP", "method": str(fred_paypal.pk), "key": "k1"}
    signature = browser.post("/wallet/payouts/new", form).context["review"]["signature"]

    again = browser.post("/wallet/payouts/new", {**form, "amount": "300", "confirm": "1", "reviewed": signature})

    assert again.status_code == 200 and "£300" in again.content.decode() and not Payout.objects.exists()
    ledger_ok()


@pytest.mark.parametrize(
    ("amount", "message"), [("10", "At least £20"), ("600", "More than your available balance"), ("-5", "greater than")]
)
def test_bad_amounts_rerender_the_form_and_move_nothing(amount, message, fred, fred_paypal, client_for, ledger_ok):
    form = {"amount": amount, "currency": "GBP", "method": str(fred_paypal.pk), "key": "k", "confirm": "1"}
    form["reviewed"] = f"{int(float(amount) * 100)}|GBP|{fred_paypal.pk}"

    answer = client_for(fred).post("/wallet/payouts/new", form)

    assert answer.status_code == 400 and message in answer.content.decode()
    assert not Payout.objects.exists() and ledger.wallet(owner=fred, currency="GBP").pending_out == 0
    ledger_ok()


def test_olga_cannot_withdraw_to_freds_method_or_see_or_cancel_his_payouts(
    fred, olga, fred_paypal, client_for, ledger_ok
):
    top_up(olga, 50_000)
    form = {
        "amount": "200",
        "currency": "GBP",
        "method": str(fred_paypal.pk),
        "key": "k",
        "confirm": "1",
        "reviewed": f"20000|GBP|{fred_paypal.pk}",
    }
    assert client_for(olga).post("/wallet/payouts/new", form).status_code == 400  # not one of her choices
    client_for(fred).post("/wallet/payouts/new", form)
    payout = Payout.objects.get()

    assert "£200" not in client_for(olga).get("/wallet/payouts").content.decode()
    assert client_for(olga).post(f"/wallet/payouts/{payout.pk}/cancel").status_code == 404
    assert client_for(olga).post("/wallet/payouts/nonsense/cancel").status_code == 404
    payout.refresh_from_db()
    assert payout.status == "held"
    ledger_ok()


def test_cancelling_a_held_withdrawal_from_the_list(fred, fred_paypal, client_for, ledger_ok):
    browser = client_for(fred)
    form = {
        "amount": "200",
        "currency": "GBP",
        "method": str(fred_paypal.pk),
        "key": "k",
        "confirm": "1",
        "reviewed": f"20000|GBP|{fred_paypal.pk}",
    }
    browser.post("/wallet/payouts/new", form)
    payout = Payout.objects.get()

    assert browser.post(f"/wallet/payouts/{payout.pk}/cancel").status_code == 302
    payout.refresh_from_db()
    assert payout.status == "cancelled" and ledger.wallet(owner=fred, currency="GBP").available == 50_000
    assert "back in your wallet" in browser.get("/wallet/payouts").content.decode()
    ledger_ok()


def test_without_a_method_the_withdraw_page_asks_for_one(fred, client_for):
    assert "Add a payout method first" in client_for(fred).get("/wallet/payouts/new").content.decode()
