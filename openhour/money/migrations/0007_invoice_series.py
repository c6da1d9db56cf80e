# Invoice numbers move from one sequence per year to several series per year. Numbers already issued
# have no series letter, so the new series can start again at 1 without ever repeating one.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("money", "0006_payment_refunds_credit_notes")]

    operations = [
        migrations.DeleteModel(name="InvoiceSequence"),
        migrations.CreateModel(
            name="InvoiceSequence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("series", models.CharField(max_length=1)),
                ("year", models.PositiveIntegerField()),
                ("last", models.PositiveIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("series", "year"), name="one_sequence_per_series_and_year")
                ]
            },
        ),
    ]
