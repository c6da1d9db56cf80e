"""Notifications keep what they say as source sentences and parameters, put into words in each reader's language
when read; the text of earlier notifications is read as written_title/written_body (the same columns) and shown
as it is."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("messaging", "0005_upload")]

    operations = [
        # Only the model's names change: the columns stay `title` and `body`, which the previous release uses.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField(model_name="notification", old_name="title", new_name="written_title"),
                migrations.RenameField(model_name="notification", old_name="body", new_name="written_body"),
                migrations.AlterField(
                    model_name="notification",
                    name="written_title",
                    field=models.CharField(blank=True, db_column="title", max_length=300),
                ),
                migrations.AlterField(
                    model_name="notification",
                    name="written_body",
                    field=models.TextField(blank=True, db_column="body"),
                ),
            ],
        ),
        migrations.AddField(
            model_name="notification",
            name="message",
            field=models.JSONField(blank=True, db_default={}, default=dict),
        ),
    ]
