from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from openhour.operations.backups import backup_make


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files (when kept on this machine) into a new folder under --to, with "
        "a manifest of checksums and row counts; prints the folder on the last line. Restore with `restore`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", type=Path, required=True, help="the folder that receives the backup's folder")

    def handle(self, *args: Any, to: Path, **options: Any) -> None:
        folder = backup_make(to=to)
        self.stderr.write(f"Backed up {sum(1 for _ in folder.iterdir())} files; the manifest lists the row counts.")
        self.stdout.write(str(folder))
