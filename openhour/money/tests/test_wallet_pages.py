"""The wallet pages: balances per currency, the history with its filters and CSV export, paying in by card
and converting between wallets with the breakdown shown first. Clara has money; Olga sees only her own
(empty) wallet; an anonymous visitor is sent to sign in."""

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from openhour.money import ledger
from openhour.money.ledger import Leg
from openhour.money.models import FxRate, Payment, Phase, Purpose, Transfer
from openhour.money.tests.kit import contract_between, top_up
from openhour.money.tests.test_wallet_api import DATA

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
QUERIES = 7  # session, user, balances, the page's count, the page's rows, the header's two unread badges


@pytest.fixture
def rates(db):
    call_command("fx_load", str(DATA / "eurofxref-daily.xml"))  # 20 November 2026: GBP 0.8329, USD 1.0498


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def page(client: Client, path: str = "/wallet") -> str:
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.content.decode()


def csv_rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_balances_per_currency_with_escrow_and_pending_payout(clara, fred, client_for, ledger_ok):
    top_up(clara, 50_000)
    top_up(clara, 2_000, "EUR")
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    funded = client_for(clara).post(
        f"/api/v1/milestones/{milestone.pk}/fund", {"payment": {"method": "wallet"}}, content_type="application/json"
    )
    assert funded.status_code == 200, funded.content  # £200 + £10 client fee out of £500
    wallet = ledger.wallet(owner=clara, currency="GBP")
    in_flight = ledger.account_for(owner=clara, purpose=Purpose.PAYOUTS_IN_FLIGHT, currency="GBP")
    ledger.post(Leg(debit=wallet, credit=in_flight, amount=5_000, kind="payout", phase=Phase.PENDING))

    html = page(client_for(clara))
    gbp = html[html.index('id="balance-GBP"') : html.index('id="balance-EUR"')]
    assert "£240" in gbp  # available: 500 - 210 - 50 on hold
    assert "In escrow</dt><dd>£200" in gbp
    assert "Pending payout</dt><dd>£50" in gbp
    eur = html[html.index('id="balance-EUR"') : html.index('id="balance-USD"')]
    assert "€20" in eur and "In escrow</dt><dd>€0" in eur
    for link in (
        "/wallet/deposit",
        "/wallet/convert",
        "/wallet/payouts/new",
        "/wallet/payout-methods",
        "/wallet/invoices",
    ):
        assert f'href="{link}"' in html
    assert "+£500" in html and "\u2212£10" in html  # signed, not by colour alone
    assert "£200\n" in html and "into escrow" in html and "on hold" in html  # moves and holds say so in words
    api = client_for(clara).get("/api/v1/wallet").json()["balances"]
    assert api[0] == {
        "currency": "GBP",
        "available": {"amount": 24_000, "currency": "GBP"},
        "in_escrow": {"amount": 20_000, "currency": "GBP"},
        "pending_payout": {"amount": 5_000, "currency": "GBP"},
    }
    ledger_ok()


def history(clara) -> None:
    """A deposit in GBP on 1 November, one in EUR on 10 November, and a funded milestone on the 21st."""
    with time_machine.travel(datetime(2026, 11, 1, 9, 0, tzinfo=UTC), tick=False):
        top_up(clara, 30_000)
    with time_machine.travel(datetime(2026, 11, 10, 9, 0, tzinfo=UTC), tick=False):
        top_up(clara, 4_000, "EUR")


def test_history_filters_by_currency_kind_and_dates(clara, fred, client_for, ledger_ok):
    history(clara)
    milestone = contract_between(clara, fred, 10_000).milestones.get()
    client_for(clara).post(f"/api/v1/milestones/{milestone.pk}/fund", content_type="application/json")
    browser = client_for(clara)

    everything = page(browser)
    assert everything.count("<tr>") == 1 + 4  # header, two deposits, the funding and its fee
    eur = page(browser, "/wallet?currency=EUR")
    assert "€40" in eur and "£300" not in eur and eur.count("<tr>") == 2
    deposits = page(browser, "/wallet?kind=deposits")
    assert deposits.count("<tr>") == 3 and "Payment into escrow" not in deposits
    fees = page(browser, "/wallet?kind=fees")
    assert fees.count("<tr>") == 2 and "\u2212£5" in fees  # the 5% client fee
    november_early = page(browser, "/wallet?since=2026-11-01&until=2026-11-09")
    assert november_early.count("<tr>") == 2 and "+£300" in november_early
    from_tenth = page(browser, "/wallet?since=2026-11-10")
    assert from_tenth.count("<tr>") == 4 and "+£300" not in from_tenth
    assert "Nothing matches these filters." in page(browser, "/wallet?until=2026-10-31")
    backwards = page(browser, "/wallet?since=2026-11-10&until=2026-11-01")  # a bad range filters nothing
    assert "The end date comes before the start date." in backwards
    assert 'href="/wallet/history.csv?currency=EUR"' in eur  # the export carries the same filters
    ledger_ok()


def test_csv_export_matches_the_filters_and_neutralises_formulas(clara, client_for, ledger_ok):
    history(clara)
    gateway = ledger.platform_account(purpose=Purpose.GATEWAY, currency="GBP")
    ledger.post(
        Leg(
            debit=gateway,
            credit=ledger.wallet(owner=clara, currency="GBP"),
            amount=1_250,
            kind="deposit",
            description='=HYPERLINK("http://evil.example","click")',
        )
    )
    browser = client_for(clara)
    rows = csv_rows(browser.get("/wallet/history.csv?currency=GBP"))
    assert [(r["date"], r["amount"], r["currency"], r["kind"]) for r in rows] == [
        ("2026-11-21T12:00:00+00:00", "12.50", "GBP", "Deposit"),
        ("2026-11-01T09:00:00+00:00", "300.00", "GBP", "Deposit"),
    ]
    assert rows[0]["description"] == '\'=HYPERLINK("http://evil.example","click")'
    assert list(rows[0]) == ["date", "description", "kind", "amount", "gross", "currency", "effect"]
    everything = csv_rows(browser.get("/wallet/history.csv"))
    assert [r["amount"] for r in everything] == ["12.50", "40.00", "300.00"]
    ranged = csv_rows(browser.get("/wallet/history.csv?since=2026-11-05&until=2026-11-15"))
    assert [(r["amount"], r["currency"]) for r in ranged] == [("40.00", "EUR")]
    ledger_ok()


def test_csv_keeps_negative_amounts_as_numbers(clara, fred, client_for, ledger_ok):
    top_up(clara, 21_000)
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    client_for(clara).post(f"/api/v1/milestones/{milestone.pk}/fund", content_type="application/json")
    fees = csv_rows(client_for(clara).get("/wallet/history.csv?kind=fees"))
    assert [(r["amount"], r["gross"], r["effect"]) for r in fees] == [("-10.00", "10.00", "out")]
    moved = csv_rows(client_for(clara).get("/wallet/history.csv?kind=payments"))
    assert [(r["amount"], r["gross"], r["effect"]) for r in moved] == [("0.00", "200.00", "moved")]
    ledger_ok()


def test_deposit_by_card_shows_the_charge_first_then_pays_in(clara, client_for, ledger_ok):
    browser = client_for(clara)
    form = page(browser, "/wallet/deposit")
    assert "tok_visa" in form and "tok_3ds" in form and "tok_declined" in form
    assert "no fee" in form
    body = {"amount": "120.50", "currency": "GBP", "card_token": "tok_visa", "key": "k1"}
    preview = browser.post("/wallet/deposit", {**body, "preview": "1"})
    assert preview.status_code == 200
    assert "You pay by card</dt><dd><strong>£120.50" in preview.content.decode()
    assert ledger.wallet(owner=clara, currency="GBP").balance == 0  # a preview moves nothing

    paid = browser.post("/wallet/deposit", {**body, "pay": "1"}, follow=True)
    assert paid.redirect_chain == [("/wallet", 302)]
    assert "£120.50 paid into your wallet." in paid.content.decode()
    browser.post("/wallet/deposit", {**body, "pay": "1"})  # a double click: the same key pays once
    assert ledger.wallet(owner=clara, currency="GBP").balance == 12_050
    ledger_ok()


def test_deposit_with_3ds_sends_the_payer_to_confirm(clara, client_for, ledger_ok):
    body = {"amount": "80", "currency": "EUR", "card_token": "tok_3ds", "key": "k2", "pay": "1"}
    response = client_for(clara).post("/wallet/deposit", body)
    payment = Payment.objects.get(payer=clara)
    # Our own page on the address the payer uses, which links on to the bank (payment.action_url, for the API).
    assert response.status_code == 302 and response["Location"] == f"/payments/{payment.pk}/authenticate"
    assert payment.action_url.endswith(f"/payments/{payment.pk}/authenticate")
    assert ledger.wallet(owner=clara, currency="EUR").balance == 0
    ledger_ok()


def test_a_declined_card_or_a_bad_amount_shows_the_form_again(clara, client_for, ledger_ok):
    browser = client_for(clara)
    declined = browser.post(
        "/wallet/deposit", {"amount": "80", "currency": "GBP", "card_token": "tok_declined", "key": "k3", "pay": "1"}
    )
    assert declined.status_code == 400
    html = declined.content.decode()
    assert "The card was declined: insufficient funds." in html
    assert 'value="k3"' not in html  # a new key, so trying another card is a new payment
    for amount, message in [
        ("", "This field is required."),
        ("abc", "Enter a number."),
        ("0", "greater than or equal to 0.01"),
        ("1.234", "more than 2 decimal places"),
        ("99999999", "more than we accept"),
    ]:
        bad = browser.post(
            "/wallet/deposit", {"amount": amount, "currency": "GBP", "card_token": "tok_visa", "pay": "1"}
        )
        assert bad.status_code == 400 and message in bad.content.decode(), amount
    assert not Transfer.objects.exists()
    ledger_ok()


def test_convert_previews_without_moving_money_then_converts(clara, client_for, rates, ledger_ok):
    top_up(clara, 25_000)
    browser = client_for(clara)
    assert "Convert and receive" not in page(browser, "/wallet/convert")  # nothing to confirm before a preview
    body = {"amount": "100", "from_currency": "GBP", "to_currency": "USD", "key": "c1"}
    preview = browser.post("/wallet/convert", {**body, "preview": "1"})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "1 GBP = 1.260415 USD" in html
    assert "Converted</dt><dd>$126.04" in html and "Fee</dt><dd>$3.15" in html
    assert "You receive</dt><dd><strong>$122.89" in html
    assert ledger.wallet(owner=clara, currency="GBP").balance == 25_000

    mark = html.split('name="previewed" value="')[1].split('"')[0]
    changed = browser.post("/wallet/convert", {**body, "amount": "150", "previewed": mark, "convert": "1"})
    assert changed.status_code == 200 and "$189.06" in changed.content.decode()  # a new amount is previewed first
    assert ledger.wallet(owner=clara, currency="GBP").balance == 25_000

    done = browser.post("/wallet/convert", {**body, "previewed": mark, "convert": "1"}, follow=True)
    assert done.redirect_chain == [("/wallet", 302)]
    assert "Converted £100 into $122.89 (fee $3.15)." in done.content.decode()
    assert ledger.wallet(owner=clara, currency="GBP").balance == 15_000
    assert ledger.wallet(owner=clara, currency="USD").balance == 12_289
    assert "Currency conversion at a rate of 1.26041542" in done.content.decode()
    ledger_ok()


def test_convert_explains_a_stale_rate_and_missing_money(clara, client_for, rates, now, ledger_ok):
    top_up(clara, 1_000)
    browser = client_for(clara)
    body = {"amount": "20", "from_currency": "GBP", "to_currency": "EUR", "key": "c2", "preview": "1"}
    short = browser.post("/wallet/convert", {**body, "previewed": "20:GBP:EUR", "convert": "1"})
    assert short.status_code == 400 and "There is not enough money in the account for that." in short.content.decode()
    same = browser.post("/wallet/convert", {**body, "to_currency": "GBP"})
    assert same.status_code == 400 and "Choose a currency other than the one you convert from." in same.content.decode()
    now.move_to(datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    stale = browser.post("/wallet/convert", {**body, "amount": "5"})
    assert stale.status_code == 400 and "The exchange rate is out of date" in stale.content.decode()
    FxRate.objects.all().delete()
    missing = browser.post("/wallet/convert", {**body, "amount": "5"})
    assert "There is no exchange rate for that currency yet." in missing.content.decode()
    assert ledger.wallet(owner=clara, currency="GBP").balance == 1_000
    ledger_ok()


def test_olga_sees_only_her_own_empty_wallet(clara, olga, client_for, ledger_ok):
    history(clara)
    browser = client_for(olga)
    html = page(browser)
    assert "No money has moved yet." in html and "£300" not in html and "Card payment" not in html
    assert csv_rows(browser.get("/wallet/history.csv")) == []
    ledger_ok()


@pytest.mark.parametrize("path", ["/wallet", "/wallet/history.csv", "/wallet/deposit", "/wallet/convert"])
def test_anonymous_visitors_are_sent_to_sign_in(db, path):
    response = Client().get(path)
    assert response.status_code == 302 and response["Location"].startswith(f"/accounts/login/?next={path}")
    assert Client().post(path).status_code == 302


def test_the_wallet_page_costs_the_same_queries_for_many_rows(
    clara, client_for, django_assert_max_num_queries, ledger_ok
):
    gateway = ledger.platform_account(purpose=Purpose.GATEWAY, currency="GBP")
    wallet = ledger.wallet(owner=clara, currency="GBP")
    browser = client_for(clara)
    ledger.post(Leg(debit=gateway, credit=wallet, amount=100, kind="deposit"))
    with django_assert_max_num_queries(QUERIES):
        page(browser)
    ledger.post(*[Leg(debit=gateway, credit=wallet, amount=100 + n, kind="deposit") for n in range(40)])
    with django_assert_max_num_queries(QUERIES):
        page(browser)
    with django_assert_max_num_queries(QUERIES):
        second = page(browser, "/wallet?page=2&currency=GBP&kind=deposits")
    assert "Page 2 of 2" in second and 'href="?currency=GBP&amp;kind=deposits&amp;page=1"' in second
    ledger_ok()
