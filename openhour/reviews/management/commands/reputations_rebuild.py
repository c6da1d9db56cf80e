from typing import Any

from django.core.management.base import BaseCommand

from openhour.reviews.scoring import reputations_rebuild


class Command(BaseCommand):
    help = (
        "Work out every stored reputation and both platform means again from all shown reviews: after a bulk load "
        "that wrote reviews past the services, or after changing REPUTATION_HALF_LIFE_MONTHS."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        written = reputations_rebuild()
        self.stdout.write(f"{written} reputation(s) stored")
