"""Demo money: today's reference rates, so conversions work, and a card deposit for every demo client,
so a newcomer signed in as one can fund a milestone at once. Safe to run again: rates are stored per
day, and each deposit carries a fixed idempotency key, so a second run deposits nothing."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from openhour.accounts.models import User
from openhour.demo.people.people import CLIENTS, EMAIL_DOMAIN
from openhour.lib.db import in_transaction
from openhour.lib.money import MINOR_UNITS
from openhour.money import fx
from openhour.money.fx import DayRates
from openhour.money.models import Payment
from openhour.money.services import payments

DEMO_RATES = {"GBP": Decimal("0.8560"), "USD": Decimal("1.0850")}  # per euro, near the rates of late 2026
DEMO_DEPOSIT = 5_000  # major units each demo client starts with, in their own currency
DEPOSIT_KEY = "demo-wallet-deposit"
SANDBOX_CARD = "tok_visa"  # the sandbox's published test card that always pays


@dataclass(frozen=True)
class SeededMoney:
    rates: int  # rates stored for today
    deposits: int  # demo clients whose wallet holds the demo deposit
    new_deposits: int  # deposits made by this run

    def summary(self) -> str:
        return (
            f"Demo money: {self.rates} exchange rates for today, {self.deposits} client wallets funded "
            f"({self.new_deposits} new).\n"
        )


def seed_money() -> SeededMoney:
    rates = fx.load_rates([DayRates(as_of=timezone.now().date(), rates=DEMO_RATES)])
    funded, new = _fund_clients()
    return SeededMoney(rates=rates, deposits=funded, new_deposits=new)


def _fund_clients() -> tuple[int, int]:
    """Card deposits through the sandbox. A card charge never runs inside a transaction, so a caller that
    wraps the whole seed in one (a test seeding a module once, then rolling back) gets the rates only."""
    if settings.PAYMENT_GATEWAY != "sandbox" or in_transaction():
        return 0, 0
    usernames = {client.username: client.currency for client in CLIENTS}
    clients = User.objects.filter(username__in=usernames, email__endswith="@" + EMAIL_DOMAIN, is_client=True)
    done = set(
        Payment.objects.filter(
            payer__in=clients, idempotency_key=DEPOSIT_KEY, status=Payment.Status.SUCCEEDED
        ).values_list("payer_id", flat=True)
    )
    new = 0
    for client in clients:
        if client.pk in done:
            continue
        currency = usernames[client.username]
        payments.deposit_start(
            payer=client,
            amount=DEMO_DEPOSIT * MINOR_UNITS[currency],
            currency=currency,
            card_token=SANDBOX_CARD,
            idempotency_key=DEPOSIT_KEY,
        )
        new += 1
    return len(done) + new, new
