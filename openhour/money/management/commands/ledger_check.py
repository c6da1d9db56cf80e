from typing import Any

from django.core.management.base import BaseCommand, CommandError

from openhour.money.audit import ledger_problems


class Command(BaseCommand):
    help = "Recompute every balance from the transfers; exit non-zero if the ledger does not add up."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = ledger_problems()
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"ledger check failed: {len(problems)} problem(s)")
        self.stdout.write("ledger check passed: every currency sums to zero and every balance matches its transfers")
