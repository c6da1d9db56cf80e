"""Indexes the job feed reads its candidates from, so it never sorts all open projects."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_owner_actor"),
        ("jobs", "0004_owner_actor"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                condition=models.Q(("status", "open")), fields=["status", "-created_at", "-id"], name="project_open_newest"
            ),
        ),
        # the projects of a skill without a visit to the table (the many-to-many table has no Meta of its own)
        migrations.RunSQL(
            "CREATE INDEX project_skills_by_skill ON jobs_project_skills (skill_id, project_id)",
            "DROP INDEX project_skills_by_skill",
        ),
    ]
