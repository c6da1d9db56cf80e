"""`manage.py review_audit`: detection precision and recall of the review checks on the planted scenarios."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from openhour.demo.manipulation.audit import audit_table, review_audit
from openhour.demo.manipulation.labels import planted_labels


class Command(BaseCommand):
    help = "Print, per scenario, how many planted reviews the checks caught and how precise each signal is."

    def handle(self, *args: Any, **options: Any) -> None:
        if not planted_labels():
            raise CommandError("Nothing is planted: run `manage.py seed_manipulation` first.")
        self.stdout.write(audit_table(review_audit()))
