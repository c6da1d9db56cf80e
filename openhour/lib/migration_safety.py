"""Migrations that old and new web processes can both live with, for rolling deploys.

During an upgrade the new code migrates the database while processes of the old code still serve requests, so a
release may only make changes the old code survives: add tables, nullable columns, columns with a database
default, indexes. Dropping or renaming what the old code reads, or requiring a value it does not write, must wait
one release (expand, then contract: docs/upgrading.md). An AlterField that makes a nullable column required is not
judged here: the upgrade notes ask for it to wait a release too. Migrations shipped in earlier releases are listed in
RELEASED and not judged again. A migration that knows better says so with `safe_while_old_code_runs = "why"`.
"""

from collections.abc import Iterable
from pathlib import Path

from django.db import migrations, models
from django.db.migrations import Migration
from django.db.migrations.operations.base import Operation

RELEASED = Path(__file__).resolve().parent.parent / "released_migrations.txt"

NEVER_SAFE = {
    migrations.RemoveField: "drops a column the old code still reads",
    migrations.DeleteModel: "drops a table the old code still reads",
    migrations.RenameField: "renames a column the old code still reads",
    migrations.RenameModel: "renames a table the old code still reads",
    migrations.AlterModelTable: "moves a table the old code still reads",
}
UNJUDGED = (migrations.RunSQL, migrations.RunPython)


def problems(migration: Migration) -> list[str]:
    """What in `migration` would break the old code while it still runs; empty when nothing would."""
    if getattr(migration, "safe_while_old_code_runs", ""):
        return []
    created = {op.name.lower() for op in migration.operations if isinstance(op, migrations.CreateModel)}
    found = (_problem(op, created) for op in migration.operations)
    return [f"{migration.app_label}.{migration.name}: {what}" for what in found if what]


def _problem(operation: Operation, created: set[str]) -> str | None:
    for kind, why in NEVER_SAFE.items():
        if isinstance(operation, kind):
            return f"{type(operation).__name__} {why}"
    if isinstance(operation, UNJUDGED):
        return f"{type(operation).__name__} cannot be judged: say why it is safe with safe_while_old_code_runs"
    if isinstance(operation, migrations.AddField) and operation.model_name not in created:
        return _required_without_default(operation)
    return None


def _required_without_default(operation: migrations.AddField) -> str | None:
    """A new NOT NULL column with no default in the database: every insert by the old code, which does not know the
    column, fails (a Python-side `default` is applied by the new code only)."""
    field = operation.field
    if field.null or field.many_to_many or field.db_default is not models.NOT_PROVIDED:
        return None
    column = f"{operation.model_name}.{operation.name}"
    return f"AddField makes {column} required with no database default (give it db_default, or null=True)"


def released() -> set[str]:
    return set(RELEASED.read_text().split()) if RELEASED.exists() else set()


def unreleased_problems(everything: Iterable[Migration], shipped: set[str]) -> list[str]:
    """The problems of the migrations not in `shipped` (app_label.name, as RELEASED lists them)."""
    fresh = [migration for migration in everything if f"{migration.app_label}.{migration.name}" not in shipped]
    return [problem for migration in fresh for problem in problems(migration)]
