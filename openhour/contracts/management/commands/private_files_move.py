"""Move private files kept the old way (in public media under their original names) into private storage under
random names, and update their rows. Run once after upgrading; running it again moves nothing twice."""

from typing import Any

from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Model

from openhour.contracts.disputes.models import DisputeEvidence
from openhour.contracts.models import DeliveryFile
from openhour.lib.private_files import OLD_PREFIX, private_file_move, unreferenced_move
from openhour.messaging.models import MessageAttachment

KINDS: list[type[Model]] = [MessageAttachment, DeliveryFile, DisputeEvidence]


class Command(BaseCommand):
    help = "Move message attachments, delivery files and dispute evidence out of public media into private storage."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only list what would move.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        public, private = storages["default"], storages["private"]
        moved = missing = 0
        referenced: set[str] = set()
        for model in KINDS:
            for row in model._default_manager.filter(file__startswith=OLD_PREFIX).order_by("pk"):
                old = row.file.name  # type: ignore[attr-defined]
                referenced.add(old)
                if dry_run:
                    self.stdout.write(f"would move {model._meta.model_name} {row.pk}: {old}")
                    continue
                try:
                    new = private_file_move(row=row, public=public, private=private)
                except FileNotFoundError:
                    missing += 1
                    self.stderr.write(f"missing {model._meta.model_name} {row.pk}: {old} is in neither storage")
                    continue
                if new:
                    moved += 1
                    self.stdout.write(f"moved {model._meta.model_name} {row.pk}: {old} -> {new}")
        if not dry_run:
            for name in unreferenced_move(public=public, private=private, referenced=referenced):
                self.stdout.write(f"moved unreferenced {name} -> unreferenced/{name.removeprefix(OLD_PREFIX)}")
        self.stdout.write(f"{moved} moved, {missing} missing.")
