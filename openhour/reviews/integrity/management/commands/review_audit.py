"""`manage.py review_audit`: detection precision and recall of the review checks on the planted scenarios."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from openhour.reviews.integrity.audit import audit_table, review_audit
from openhour.reviews.integrity.models import PlantedLabel


class Command(BaseCommand):
    help = "Print, per scenario, how many planted reviews the checks caught and how precise each signal is."

    def handle(self, *args: Any, **options: Any) -> None:
        if not PlantedLabel.objects.exists():
            raise CommandError("Nothing is planted: run `manage.py seed_manipulation` first.")
        self.stdout.write(audit_table(review_audit()))
