from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from openhour.search.documents import rebuild


class Command(BaseCommand):
    help = "Rebuild the full-text search index of projects, people and Hourlies from scratch."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            count = rebuild()
        self.stdout.write(f"Indexed {count} documents.")
