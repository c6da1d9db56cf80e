"""Reviews are checked in the task worker: `checked_at` is empty while their checks run. Every review written
before this ran its checks inline when it was submitted, so each is marked checked as of its submission."""

from django.db import migrations, models


def mark_checked(apps, schema_editor) -> None:
    Review = apps.get_model("reviews", "Review")
    Review.objects.filter(checked_at=None).update(checked_at=models.F("submitted_at"))


class Migration(migrations.Migration):
    dependencies = [("reviews", "0004_reviews_of_subject_in_role")]

    operations = [
        migrations.AddField(
            model_name="review",
            name="checked_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="checks finished"),
        ),
        migrations.RunPython(mark_checked, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(  # built after the update: it holds only the reviews still being checked
            model_name="review",
            index=models.Index(
                condition=models.Q(("checked_at", None)), fields=["updated_at"], name="reviews_being_checked"
            ),
        ),
    ]
