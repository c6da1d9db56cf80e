"""Search in every language: each document gets its author's language and the text-search configuration it is read
with. PostgreSQL: accents are folded by `unaccent` and the vector is made with the document's own configuration.
SQLite: adding the columns rebuilds the documents' table, which drops the triggers that feed the FTS5 table, so the
FTS5 table and its triggers are made again (its tokenizer already folds accents) before the documents are reindexed.
"""

from importlib import import_module

from django.db import migrations, models

import openhour.search.models

# The wrapper generated columns need: unaccent() is only STABLE, as its dictionary is found by name at run time;
# naming the dictionary with its schema makes the result depend on the text alone.
UNACCENT = """
    CREATE OR REPLACE FUNCTION search_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$
"""
VECTOR = """
    ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(config, search_unaccent(coalesce(title, ''))), 'A')
        || setweight(to_tsvector(config, search_unaccent(coalesce(skills, ''))), 'B')
        || setweight(to_tsvector(config, search_unaccent(coalesce(body, ''))), 'C')
    ) STORED
"""
ENGLISH_VECTOR = """
    ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(skills, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')
    ) STORED
"""
GIN = "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)"
DROP_VECTOR = "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector"  # and its index


def _sqlite_full_text_index(schema_editor):
    initial = import_module("openhour.search.migrations.0001_initial")
    for statement in [*initial.SQLITE_DROP, *initial.SQLITE, "INSERT INTO search_fts(search_fts) VALUES ('rebuild')"]:
        schema_editor.execute(statement)


def _unaccent_schema(schema_editor) -> str:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")  # trusted: a database owner may create it
        # The schema's name, quoted when it must be.
        cursor.execute("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'")
        return cursor.fetchone()[0]


def multilingual_index(apps, schema_editor):
    from openhour.search.documents import rebuild

    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(DROP_VECTOR)
        schema_editor.execute(UNACCENT.format(schema=_unaccent_schema(schema_editor)))
    elif vendor == "sqlite":
        _sqlite_full_text_index(schema_editor)
    rebuild(get_model=apps.get_model)
    if vendor == "postgresql":
        schema_editor.execute(VECTOR)
        schema_editor.execute(GIN)


def english_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(DROP_VECTOR)
        schema_editor.execute("DROP FUNCTION IF EXISTS search_unaccent(text)")
        schema_editor.execute(ENGLISH_VECTOR)
        schema_editor.execute(GIN)
    elif vendor == "sqlite":
        _sqlite_full_text_index(schema_editor)


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_VECTOR)  # it reads the config column, which goes next


class Migration(migrations.Migration):
    safe_while_old_code_runs = (
        "The new columns have database defaults, so the previous release's writes fill them (read with the `simple` "
        "configuration until the next edit or search_reindex); `vector` is replaced inside this migration's "
        "transaction on PostgreSQL, so the previous release's searches wait for it instead of failing."
    )
    dependencies = [
        ("accounts", "0004_user_language_time_zone"),
        ("catalog", "0005_wordings_per_language"),  # the documents index skills' names per language
        ("search", "0002_saved_searches"),
    ]

    operations = [
        # Undone last: the English index of 0001 again, once the columns are gone.
        migrations.RunPython(migrations.RunPython.noop, english_index),
        migrations.AddField(
            model_name="searchdocument",
            name="language",
            field=models.CharField(blank=True, db_default="", default="", max_length=10),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="config",
            field=openhour.search.models.SearchConfigurationField(db_default="simple", default="simple", max_length=63),
        ),
        migrations.RunPython(multilingual_index, drop_vector),
    ]
