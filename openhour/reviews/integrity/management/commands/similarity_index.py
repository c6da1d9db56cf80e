"""Fill the similarity index for reviews stored before it existed (or all of them with --all), in batches; with
--meanings, also encode the meaning of every review that has none, or of every review with --all (about 0.1 s a
review)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from openhour.reviews.integrity.meaning import meaning_fill, meaning_refresh
from openhour.reviews.integrity.similarity import index_fill


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="re-index every review, not only missing ones")
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument("--meanings", action="store_true", help="also keep every review's meaning")

    def handle(self, *args: Any, **options: Any) -> None:
        done = index_fill(batch=options["batch"], only_missing=not options["all"])
        if done and connection.vendor == "postgresql":  # a table grown from little plans badly on old statistics
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE integrity_similarityband")
        self.stdout.write(f"{done} reviews indexed")
        if options["meanings"]:
            kept = meaning_refresh() if options["all"] else meaning_fill()
            self.stdout.write(f"{kept} meanings kept")
