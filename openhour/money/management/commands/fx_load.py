from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from openhour.money import fx


class Command(BaseCommand):
    help = "Load ECB euro reference rates (eurofxref CSV or XML) for the currencies the marketplace holds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="eurofxref.csv or eurofxref-daily.xml, as published by the ECB")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        try:
            days = fx.parse_ecb(text)
        except fx.FxFileError as exc:
            raise CommandError(f"{path} is not an ECB reference-rate file: {exc}") from exc
        stored = fx.load_rates(days)
        newest = max(day.as_of for day in days)
        self.stdout.write(f"loaded {stored} rate(s) from {path}, newest {newest.isoformat()}")
