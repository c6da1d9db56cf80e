"""Notifications keep what they say as source sentences and parameters, put into words in each reader's language
when read; the text of earlier notifications moves to written_title/written_body and is shown as it is."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("messaging", "0005_upload")]

    operations = [
        migrations.RenameField(model_name="notification", old_name="title", new_name="written_title"),
        migrations.RenameField(model_name="notification", old_name="body", new_name="written_body"),
        migrations.AlterField(
            model_name="notification", name="written_title", field=models.CharField(blank=True, max_length=300)
        ),
        migrations.AddField(
            model_name="notification", name="message", field=models.JSONField(blank=True, default=dict)
        ),
    ]
