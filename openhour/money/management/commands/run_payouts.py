import logging
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from openhour.lib.errors import DomainError
from openhour.lib.outlive import outliving_the_database
from openhour.lib.process import timers_fire_due
from openhour.money.models import PayoutTimer
from openhour.money.payouts.providers import paypal

log = logging.getLogger(__name__)


def run_once() -> tuple[int, int]:
    """Fire due payout timers (PayPal payouts whose hold is over are sent), then submit or poll every sent
    PayPal payout outside any transaction. Returns (timers fired, payouts checked)."""
    fired = timers_fire_due(timer_model=PayoutTimer, fire=paypal.fire)
    due = paypal.payouts_due()
    for payout_id in due:
        try:
            paypal.paypal_poll(payout_id=payout_id)
        except DomainError as error:  # another worker settled it first
            log.info("payout %s: %s", payout_id, error)
    return fired, len(due)


class Command(BaseCommand):
    help = "Send PayPal payouts whose hold is over and poll the sent ones; loops unless --once. Safe on many hosts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="do what is due now, then exit")
        parser.add_argument("--interval", type=int, default=60, help="seconds between rounds")

    def handle(self, *args: Any, once: bool, interval: int, **options: Any) -> None:
        while True:
            fired, checked = outliving_the_database(run_once, name="payouts")
            if fired or checked:
                self.stdout.write(f"fired {fired} payout timer(s), checked {checked} PayPal payout(s)")
            if once:
                return
            time.sleep(interval)
