import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from openhour.contracts.delivery import milestones_fire_due
from openhour.contracts.disputes.services import disputes_fire_due
from openhour.contracts.hourly.services import weeks_fire_due
from openhour.contracts.timers import contracts_fire_due
from openhour.jobs.services import projects_expire_due

# Every process with deadlines adds its "fire what is due" function here.
DUE_TIMERS = [projects_expire_due, milestones_fire_due, contracts_fire_due, weeks_fire_due, disputes_fire_due]


class Command(BaseCommand):
    help = "Fire due timers (project expiry, delivery reminders, automatic release) as the system; loops unless --once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="fire what is due now, then exit")
        parser.add_argument("--interval", type=int, default=30, help="seconds between rounds")

    def handle(self, *args: Any, once: bool, interval: int, **options: Any) -> None:
        while True:
            fired = sum(fire_due() for fire_due in DUE_TIMERS)
            if fired:
                self.stdout.write(f"fired {fired} timer(s)")
            if once:
                return
            time.sleep(interval)
