from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.migrations.loader import MigrationLoader

from openhour.lib.migration_safety import RELEASED, released, unreleased_problems


def ours() -> list:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(
        (m for m in loader.disk_migrations.values() if m.__module__.startswith("openhour.")),
        key=lambda m: (m.app_label, m.name),
    )


class Command(BaseCommand):
    help = (
        "Refuse migrations not yet released that old code could not run beside (dropped or renamed columns and "
        "tables, new required columns without a database default); --release records every migration as shipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--release", action="store_true", help="list every migration as shipped, for a release")

    def handle(self, *args: Any, release: bool, **options: Any) -> None:
        migrations = ours()
        if release:
            RELEASED.write_text("".join(f"{m.app_label}.{m.name}\n" for m in migrations))
            self.stdout.write(f"{len(migrations)} migrations recorded as released in {RELEASED.name}.")
            return
        problems = unreleased_problems(migrations, released())
        if problems:
            raise CommandError("Not safe while the old release still runs:\n  " + "\n  ".join(problems))
        self.stdout.write("Every unreleased migration is safe beside the old release's code.")
