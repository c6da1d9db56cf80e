from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from openhour.lib.errors import DomainError
from openhour.operations.backups import backup_restore


class Command(BaseCommand):
    help = (
        "Restore a folder made by `backup` into this install's empty database and file folders, then check every "
        "table's row count against the backup's manifest. Run `ledger_check` after it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="a folder made by `manage.py backup`")

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        try:
            restored = backup_restore(folder=folder)
        except DomainError as error:
            raise CommandError(error.message) from error
        rows = sum(restored.values())
        self.stdout.write(f"Restored {rows} rows in {len(restored)} tables, as the backup counted them.")
