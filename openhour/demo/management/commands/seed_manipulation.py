"""`manage.py seed_manipulation`: play the red-team and honest generators into the demo (after `seed_demo`)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from openhour.demo.manipulation.generate import counted, demo_present, generate


class Command(BaseCommand):
    help = (
        "Play a seeded red team (copied and templated reviews, sockpuppets, rings, swaps, offers and threats in "
        "English and French, bursts of new accounts) and as much honest life into the demo, every review labelled. "
        "Run after seed_demo; a seed already played plants nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--seed", type=int, default=11, help="The generators' seed (default 11)")

    def handle(self, *args: Any, seed: int = 11, **options: Any) -> None:
        if not demo_present():
            raise CommandError("The demo is not there: run `manage.py seed_demo` first.")
        planted = generate(seed)
        if not planted:
            self.stdout.write(f"Seed {seed} was played already: nothing new.\n")
            return
        for scenario, count in sorted(counted(planted).items()):
            self.stdout.write(f"{scenario:<14}{count:>4} labelled reviews planted\n")
        self.stdout.write("Measure the checks with `manage.py review_audit`.\n")
