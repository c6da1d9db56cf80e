"""The demo's money: today's exchange rates loaded once, and each demo client's wallet funded by card once."""

from datetime import UTC, datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress

from openhour.accounts.models import User
from openhour.demo.money import DEMO_DEPOSIT, seed_money
from openhour.demo.people.people import CLIENTS, email_for
from openhour.money import ledger
from openhour.money.models import FxRate, Payment

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_the_demo_loads_todays_rates_and_funds_each_client_once(db, ledger_ok):
    demo = CLIENTS[0]
    User.objects.create(username=demo.username, email=email_for(demo.username), is_client=True, currency=demo.currency)
    EmailAddress.objects.create(user_id=User.objects.get().pk, email=email_for(demo.username), verified=True)
    first = seed_money()
    second = seed_money()
    assert (first.rates, first.deposits, first.new_deposits) == (2, 1, 1)
    assert (second.deposits, second.new_deposits) == (1, 0)
    assert set(FxRate.objects.values_list("quote", "as_of")) == {("GBP", NOW.date()), ("USD", NOW.date())}
    client = User.objects.get()
    assert Payment.objects.filter(payer=client).count() == 1
    assert ledger.wallet(owner=client, currency=demo.currency).balance == DEMO_DEPOSIT * 100
    ledger_ok()
