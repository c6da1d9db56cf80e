"""Invoices are numbered after the issuing transaction commits: the number may be empty for a moment, each
invoice remembers its series, and a milestone keeps at most one invoice of each kind (the database says so now
that no series lock serialises issuers)."""

from typing import Any

from django.conf import settings
from django.db import migrations, models


def series_from_number(apps: Any, schema_editor: Any) -> None:
    """`OH-2026-C-000042` is in series C."""
    Invoice = apps.get_model("money", "Invoice")
    for pk, number in Invoice.objects.values_list("pk", "number").iterator():
        Invoice.objects.filter(pk=pk).update(series=number.split("-")[-2][:1])


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0006_private_storage_random_names"),
        ("money", "0011_transfer_milestone_from_reference"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="series",
            field=models.CharField(default="", max_length=1),
        ),
        migrations.RunPython(series_from_number, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="invoice",
            name="number",
            field=models.CharField(blank=True, max_length=30, null=True, unique=True),
        ),
        migrations.AddIndex(
            model_name="invoice",
            index=models.Index(
                condition=models.Q(("number__isnull", True)), fields=["series", "id"], name="invoice_to_number"
            ),
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.UniqueConstraint(fields=("kind", "milestone"), name="one_invoice_per_kind_and_milestone"),
        ),
    ]
