from typing import Any

from django.core.management.base import BaseCommand

from openhour.reviews.levels.services import levels_refresh


class Command(BaseCommand):
    help = "Check every freelancer against the level rules now (the timers do it daily), e.g. after loading data."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = levels_refresh()
        self.stdout.write(f"{changed} level(s) changed")
