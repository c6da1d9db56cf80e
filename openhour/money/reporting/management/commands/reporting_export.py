"""`manage.py reporting_export --year 2026 --format xml|csv --out FILE`: the year's reportable sellers, for the tax
office (DAC7 XML) or a spreadsheet (CSV). `--out -` writes to standard output."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from openhour.money.reporting import selectors
from openhour.money.reporting.csv_export import sellers_csv
from openhour.money.reporting.dac7 import dac7_xml


class Command(BaseCommand):
    help = "Export the sellers to report for a year as DAC7 XML or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=timezone.now().year - 1, help="Default: last year")
        parser.add_argument("--format", choices=["xml", "csv"], default="xml")
        parser.add_argument("--out", required=True, help="A file to write, or - for standard output")

    def handle(self, *args: Any, year: int, format: str, out: str, **options: Any) -> None:
        if not 2000 <= year <= timezone.now().year:
            raise CommandError(f"--year must be a year that has begun, not {year}")
        sellers = selectors.reportable_sellers(year=year)
        content = dac7_xml(year=year, sellers=sellers) if format == "xml" else sellers_csv(sellers).encode()
        if out == "-":
            self.stdout.write(content.decode())
            return
        Path(out).write_bytes(content)
        self.stderr.write(f"{len(sellers)} sellers to report for {year}, written to {out}")
