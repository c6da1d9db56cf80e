"""Until verified, money does not leave: a withdrawal is refused with 409 `identity_required` and a link to
/me/identity, on the page and the API, and the money stays in the wallet. The other rules: a yearly amount per
currency, and hourly work."""

from datetime import date

import pytest

from openhour.accounts.identity.models import IdentityCheck
from openhour.accounts.identity.tests.kit import decide, send_documents
from openhour.contracts.hourly.tests.kit import hourly_contract_between, log
from openhour.contracts.services.offers import offer_create
from openhour.money import ledger
from openhour.money.models import Payout
from openhour.money.payouts.methods import payout_method_add
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def fred_paypal(fred):
    top_up(fred, 50_000)
    return payout_method_add(owner=fred, kind="paypal", details={"email": "fred@example.com"})


def withdraw(browser, method, amount=20_000):
    body = {"amount": {"amount": amount, "currency": "GBP"}, "method": str(method.pk)}
    return browser.post("/api/v1/payouts", body, content_type="application/json")


def verified(person, operator, client_for):
    send_documents(client_for(person))
    decide(client_for(operator), IdentityCheck.objects.get(user=person).pk, "approve")


def test_the_api_refuses_a_withdrawal_before_verification_and_the_money_stays(
    fred, fred_paypal, client_for, settings, ledger_ok
):
    settings.IDENTITY_REQUIRED_FOR = ["first_payout"]
    answer = withdraw(client_for(fred), fred_paypal)

    assert answer.status_code == 409
    error = answer.json()["error"]
    assert error["code"] == "identity_required" and "/me/identity" in error["message"]
    assert not Payout.objects.exists()
    wallet = ledger.wallet(owner=fred, currency="GBP")
    assert (wallet.balance, wallet.available) == (50_000, 50_000)
    status = client_for(fred).get("/api/v1/me/identity").json()
    assert status["required"] is True and status["required_because"] == ["first_payout"]
    ledger_ok()


def test_the_withdraw_page_says_so_with_a_link_and_moves_nothing(fred, fred_paypal, client_for, settings, ledger_ok):
    settings.IDENTITY_REQUIRED_FOR = ["first_payout"]
    browser = client_for(fred)
    form = {"amount": "200.00", "currency": "GBP", "method": str(fred_paypal.pk), "key": "k1"}
    assert 'href="/me/identity"' in browser.get("/wallet/payouts/new").content.decode()

    review = browser.post("/wallet/payouts/new", form)
    confirm = browser.post(
        "/wallet/payouts/new", {**form, "confirm": "1", "reviewed": review.context["review"]["signature"]}
    )

    assert confirm.status_code == 400
    assert "Verify your identity before money leaves your wallet" in confirm.content.decode()
    assert not Payout.objects.exists() and ledger.wallet(owner=fred, currency="GBP").available == 50_000
    ledger_ok()


def test_once_verified_the_page_has_no_notice(fred, operator, fred_paypal, client_for, settings):
    settings.IDENTITY_REQUIRED_FOR = ["first_payout"]
    verified(fred, operator, client_for)
    assert (
        "Verify your identity before you withdraw" not in client_for(fred).get("/wallet/payouts/new").content.decode()
    )


def test_with_no_rule_nobody_is_asked(fred, fred_paypal, client_for, settings, ledger_ok):
    settings.IDENTITY_REQUIRED_FOR = []
    assert withdraw(client_for(fred), fred_paypal).status_code == 201
    assert client_for(fred).get("/api/v1/me/identity").json()["required"] is False
    ledger_ok()


def test_a_yearly_amount_per_currency_asks_only_above_it(fred, fred_paypal, client_for, settings, ledger_ok):
    settings.IDENTITY_REQUIRED_FOR = ["yearly_payouts_above"]
    settings.IDENTITY_YEARLY_PAYOUTS_ABOVE = 30_000
    as_fred = client_for(fred)

    assert withdraw(as_fred, fred_paypal, 20_000).status_code == 201
    assert withdraw(as_fred, fred_paypal, 10_000).status_code == 201  # 30,000 this year: not above
    refused = withdraw(as_fred, fred_paypal, 5_000)

    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "identity_required")
    assert Payout.objects.count() == 2 and ledger.wallet(owner=fred, currency="GBP").available == 20_000
    ledger_ok()


def test_hourly_work_waits_for_verification_when_so_set(clara, fred, operator, client_for, settings):
    settings.IDENTITY_REQUIRED_FOR = ["hourly_contracts"]
    offer = offer_create(
        client=clara,
        to="fred",
        title="Support",
        message="Weekly help",
        currency="GBP",
        kind="hourly",
        hourly_rate=4500,
        weekly_limit=10,
    )
    refused = client_for(fred).post(f"/api/v1/contracts/{offer.pk}/accept", content_type="application/json")
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "identity_required")
    offer.refresh_from_db()
    assert offer.status == "offered"
    running = hourly_contract_between(clara, fred)
    today = date.today().isoformat()
    assert log(client_for(fred), running, today).json()["error"]["code"] == "identity_required"

    verified(fred, operator, client_for)
    accepted = client_for(fred).post(f"/api/v1/contracts/{offer.pk}/accept", content_type="application/json")
    assert accepted.status_code == 200
    assert log(client_for(fred), running, today).status_code == 201
