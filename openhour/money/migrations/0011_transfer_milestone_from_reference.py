"""Escrow legs written before transfers named their milestone get it from their "milestone:<id>" reference.

Transfers are append-only, and on PostgreSQL a trigger refuses every UPDATE: it is switched off for this
one backfill of a new column, in this migration's transaction, and on again before it commits.
"""

from django.db import migrations

PREFIX = "milestone:"


def backfill(apps, schema_editor):
    Transfer = apps.get_model("money", "Transfer")
    Milestone = apps.get_model("contracts", "Milestone")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending when the trigger returns
        schema_editor.execute("ALTER TABLE money_transfer DISABLE TRIGGER money_transfer_append_only")
    rows = Transfer.objects.filter(reference__startswith=PREFIX, milestone__isnull=True).values_list("id", "reference")
    by_milestone: dict[int, list] = {}
    for pk, reference in rows.iterator():
        number = reference.removeprefix(PREFIX)
        if number.isdigit():
            by_milestone.setdefault(int(number), []).append(pk)
    existing = set(Milestone.objects.filter(pk__in=list(by_milestone)).values_list("pk", flat=True))
    for milestone_id, ids in by_milestone.items():
        if milestone_id in existing:
            Transfer.objects.filter(pk__in=ids).update(milestone_id=milestone_id)
    if postgres:
        schema_editor.execute("ALTER TABLE money_transfer ENABLE TRIGGER money_transfer_append_only")


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0006_private_storage_random_names"),
        ("money", "0010_transfer_milestone"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
