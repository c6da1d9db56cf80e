import json
from pathlib import Path

from django.conf import settings
from django.db import migrations


def labels_to_file(apps, schema_editor):
    """A demo planted before this migration keeps its labels: they move to the file `review_audit` now reads."""
    rows = apps.get_model("integrity", "PlantedLabel").objects.using(schema_editor.connection.alias)
    labels = [
        {"review": review, "author": author, "scenario": scenario}
        for review, author, scenario in rows.order_by("review_id").values_list(
            "review_id", "review__author__username", "scenario"
        )
    ]
    if labels:
        path = Path(settings.DEMO_LABELS_FILE)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"labels": labels}, indent=1) + "\n")


class Migration(migrations.Migration):
    dependencies = [
        ("integrity", "0002_sanction_appeal_decision"),
    ]

    operations = [
        migrations.RunPython(labels_to_file, migrations.RunPython.noop),
        migrations.DeleteModel(
            name="PlantedLabel",
        ),
    ]
