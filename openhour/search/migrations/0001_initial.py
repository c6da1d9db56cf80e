from django.db import migrations, models

POSTGRES = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(skills, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')
    ) STORED
    """,
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
]
SQLITE = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, skills, body, content='search_searchdocument', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER search_document_ai AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, skills, body) VALUES (new.id, new.title, new.skills, new.body);
    END
    """,
    """
    CREATE TRIGGER search_document_ad AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, skills, body)
        VALUES ('delete', old.id, old.title, old.skills, old.body);
    END
    """,
    """
    CREATE TRIGGER search_document_au AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, skills, body)
        VALUES ('delete', old.id, old.title, old.skills, old.body);
        INSERT INTO search_fts(rowid, title, skills, body) VALUES (new.id, new.title, new.skills, new.body);
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TABLE IF EXISTS search_fts",
]


def full_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRES, "sqlite": SQLITE}.get(vendor, []):
        schema_editor.execute(statement)


def drop_full_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": ["DROP INDEX IF EXISTS search_document_vector"], "sqlite": SQLITE_DROP}
    for statement in statements.get(vendor, []):
        schema_editor.execute(statement)


def index_existing_rows(apps, schema_editor):
    from openhour.search.documents import rebuild

    rebuild(get_model=apps.get_model)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0001_initial"),
        ("catalog", "0003_hourlie_order"),
        ("jobs", "0003_proposal"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("project", "Project"), ("person", "Person"), ("hourlie", "Hourlie")], max_length=10
                    ),
                ),
                ("object_id", models.BigIntegerField()),
                ("title", models.TextField(blank=True)),
                ("skills", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="search_document_once")],
            },
        ),
        migrations.RunPython(full_text_index, drop_full_text_index),
        migrations.RunPython(index_existing_rows, migrations.RunPython.noop),
    ]
