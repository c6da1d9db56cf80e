"""Rolling deploys: a release's migrations must leave the database usable by the previous release's code, which
still serves requests while the new code migrates. Unsafe operations are refused unless a migration says why
it is safe; migrations of earlier releases are not judged again."""

import pytest
from django.core.management import call_command
from django.db import migrations, models

from openhour.lib.migration_safety import problems, unreleased_problems


def migration(*operations, name="0099_change", **marks) -> migrations.Migration:
    made = type("Migration", (migrations.Migration,), {"operations": list(operations), **marks})(name, "money")
    return made


@pytest.mark.parametrize(
    "operation",
    [
        migrations.RemoveField("payout", "note"),
        migrations.DeleteModel("Payout"),
        migrations.RenameField("payout", "note", "remark"),
        migrations.RenameModel("Payout", "Withdrawal"),
        migrations.AddField("payout", "reason", models.CharField(max_length=20)),
        migrations.AddField("payout", "tries", models.IntegerField(default=0)),  # Python's default, not the database's
        migrations.RunPython(migrations.RunPython.noop),
        migrations.RunSQL("UPDATE money_payout SET note = ''"),
    ],
)
def test_what_the_old_code_cannot_live_with_is_named(operation):
    found = problems(migration(operation))

    assert len(found) == 1 and found[0].startswith(f"money.0099_change: {type(operation).__name__}")


@pytest.mark.parametrize(
    "operation",
    [
        migrations.AddField("payout", "reason", models.CharField(max_length=20, null=True)),
        migrations.AddField("payout", "tries", models.IntegerField(db_default=0)),
        migrations.AddIndex("payout", models.Index(fields=["status"], name="payout_status")),
        migrations.CreateModel("Receipt", [("id", models.BigAutoField(primary_key=True))]),
        migrations.AlterField("payout", "note", models.CharField(max_length=500, blank=True)),
    ],
)
def test_what_the_old_code_survives_passes(operation):
    assert problems(migration(operation)) == []


def test_a_new_table_may_get_required_columns_in_the_same_migration():
    created = migrations.CreateModel("Receipt", [("id", models.BigAutoField(primary_key=True))])
    column = migrations.AddField("receipt", "number", models.CharField(max_length=20))

    assert problems(migration(created, column)) == []


def test_a_migration_that_says_why_it_is_safe_is_believed():
    backfill = migration(migrations.RunPython(migrations.RunPython.noop), safe_while_old_code_runs="fills a new column")

    assert problems(backfill) == []


def test_migrations_of_earlier_releases_are_not_judged_again():
    old = migration(migrations.RenameField("payout", "a", "b"), name="0042_old_rename")
    new = migration(migrations.RenameField("payout", "b", "c"), name="0043_new_rename")

    found = unreleased_problems([old, new], shipped={"money.0042_old_rename"})

    assert found == ["money.0043_new_rename: RenameField renames a column the old code still reads"]


def test_this_release_s_migrations_are_safe_beside_the_last_release(capsys):
    call_command("migrations_safe")

    assert "safe beside the old release" in capsys.readouterr().out
