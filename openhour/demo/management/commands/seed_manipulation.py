"""`manage.py seed_manipulation`: plant labelled review manipulation into the demo (after `seed_demo`)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from openhour.demo.manipulation.scenarios import DemoMissing, seed_manipulation


class Command(BaseCommand):
    help = (
        "Plant labelled manipulation (copied reviews, shared devices, a wash-trading ring, a burst, an extortion "
        "thread) and clean controls into the demo data. Run after seed_demo; a second run plants nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            added = seed_manipulation()
        except DemoMissing as missing:
            raise CommandError(str(missing)) from missing
        if not any(added.values()):
            self.stdout.write("Everything was planted already: nothing new.\n")
            return
        for scenario, count in added.items():
            self.stdout.write(f"{scenario:<14}{count:>4} labelled reviews planted\n")
        self.stdout.write("Measure the checks with `manage.py review_audit`.\n")
