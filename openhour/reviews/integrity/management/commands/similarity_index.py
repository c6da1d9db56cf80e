"""Fill the similarity index for reviews stored before it existed (or all of them with --all), in batches."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from openhour.reviews.integrity.similarity import index_fill


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="re-index every review, not only missing ones")
        parser.add_argument("--batch", type=int, default=2000)

    def handle(self, *args: Any, **options: Any) -> None:
        done = index_fill(batch=options["batch"], only_missing=not options["all"])
        if done and connection.vendor == "postgresql":  # a table grown from little plans badly on old statistics
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE integrity_similarityband")
        self.stdout.write(f"{done} reviews indexed")
