"""A review's label keeps its budget and duration bands as facts (bounds in minor units, a duration code) to be
worded in the reader's language; the English words stored so far are kept as written, and the facts of old
reviews are recovered from their contract where it has ended."""

from django.db import migrations, models
from django.db.models import Sum

CEILINGS = [25_000, 100_000, 500_000]  # minor units, as labels.BUDGET_CEILINGS when this was written
DAYS = [(7, "week"), (30, "weeks"), (90, "months")]


def duration_code(days: int) -> str:
    return next((code for limit, code in DAYS if days < limit), "long")


def budget_bounds(paid: int) -> tuple[int, int | None]:
    floor = 0
    for ceiling in CEILINGS:
        if paid < ceiling:
            return floor, ceiling
        floor = ceiling
    return floor, None


def label_facts_from_contracts(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    Milestone = apps.get_model("contracts", "Milestone")
    for review in Review.objects.filter(budget_floor=None).select_related("contract").iterator():
        contract = review.contract
        paid = Milestone.objects.filter(contract=contract).aggregate(total=Sum("released"))["total"] or 0
        review.budget_floor, review.budget_ceiling = budget_bounds(paid)
        review.budget_currency = contract.currency
        if contract.ended_at is not None:
            started = contract.started_at or contract.created_at
            review.duration_code = duration_code((contract.ended_at - started).days)
        review.save(update_fields=["budget_floor", "budget_ceiling", "budget_currency", "duration_code"])


class Migration(migrations.Migration):
    safe_while_old_code_runs = (
        "The columns the previous release reads keep their names; the new ones are nullable or have database "
        "defaults; the data step only fills the new columns of existing reviews."
    )
    dependencies = [
        ("reviews", "0005_checks_in_the_worker"),
        ("contracts", "0011_analytics_hire_indexes"),
    ]

    operations = [
        # Only the model's names change: the columns stay budget_band and duration_band for the previous release.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField("review", "budget_band", "budget_band_written"),
                migrations.RenameField("review", "duration_band", "duration_band_written"),
                migrations.AlterField(
                    model_name="review",
                    name="budget_band_written",
                    field=models.CharField(
                        blank=True, db_column="budget_band", max_length=40, verbose_name="budget (as written)"
                    ),
                ),
                migrations.AlterField(
                    model_name="review",
                    name="duration_band_written",
                    field=models.CharField(
                        blank=True, db_column="duration_band", max_length=40, verbose_name="duration (as written)"
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="review",
            name="budget_floor",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="budget band from (minor units)"),
        ),
        migrations.AddField(
            model_name="review",
            name="budget_ceiling",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="budget band up to (minor units)"),
        ),
        migrations.AddField(
            model_name="review",
            name="budget_currency",
            field=models.CharField(blank=True, db_default="", max_length=3, verbose_name="budget currency"),
        ),
        migrations.AddField(
            model_name="review",
            name="duration_code",
            field=models.CharField(blank=True, db_default="", max_length=10, verbose_name="duration band"),
        ),
        migrations.RunPython(label_facts_from_contracts, migrations.RunPython.noop),
    ]
