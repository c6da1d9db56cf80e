"""Search in every language on PostgreSQL: the tests of `test_languages` again, then what only PostgreSQL does:
each language's own stemmer (German plurals), accents folded by unaccent in the stored vector, and a query read
in every configuration that still reaches the GIN index."""

import pytest
from django.db import connection

from openhour.jobs.models import Project
from openhour.search import query
from openhour.search.tests.test_languages import (  # noqa: F401 (collected here too, to run on PostgreSQL)
    BOUTIQUE,
    HANDBUCH,
    camille,
    dieter,
    shelves,
    test_a_document_is_in_the_language_of_who_wrote_it,
    test_a_french_project_is_found_by_plurals_and_its_description,
    test_a_french_project_is_found_with_or_without_accents,
    test_a_german_project_is_found_with_or_without_umlauts,
    test_a_skill_is_found_by_its_english_name_and_by_its_name_in_the_document_language,
    test_english_projects_are_found_as_before_beside_french_and_german_ones,
    test_every_word_must_match_in_every_language,
    test_french_and_german_people_and_hourlies_are_found_without_accents,
    test_the_feed_matches_a_french_project_to_an_english_freelancer_by_skill,
)
from openhour.search.tests.test_search import found

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.mark.usefixtures("shelves")
@pytest.mark.parametrize("q", ["Übersetzungen", "ubersetzungen technische", "Handbuchs", "Werkzeugmaschine"])
def test_german_words_are_stemmed_as_german(q):
    assert found(q) == [HANDBUCH]


@pytest.mark.usefixtures("shelves")
def test_each_document_is_stemmed_in_its_language_with_accents_folded():
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, config::text, vector::text FROM search_searchdocument WHERE kind = 'project'")
        vectors = {title: (config, vector) for title, config, vector in cursor.fetchall()}

    assert vectors[BOUTIQUE][0] == "french" and "'developpeur':1A" in vectors[BOUTIQUE][1]
    assert "'boutiqu':5A" in vectors[BOUTIQUE][1] and "'une'" not in vectors[BOUTIQUE][1]  # a French stop word
    assert vectors[HANDBUCH][0] == "german" and "'ubersetz':1A" in vectors[HANDBUCH][1]
    assert vectors["Brand designer wanted"] == ("english", vectors["Brand designer wanted"][1])
    assert "'design':2A" in vectors["Brand designer wanted"][1]


@pytest.mark.parametrize("q", ["ŉ", "ʼ", "⑴ logo", "½", "ː", "logo ŉ ʼ", "Ⅻ"])
def test_letters_unaccent_turns_into_punctuation_do_not_break_the_query(clara, q):
    assert found(q) == []


def plan(q: str) -> str:
    """The plan of the projects' matching subquery among a few thousand documents of the length of a project's."""
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO search_searchdocument (kind, object_id, title, skills, body, language, config)
            SELECT 'project', 100000 + n, 'Projet numéro ' || n, 'Django, Python',
                (SELECT string_agg(md5((n * 100 + i)::text), ' ') FROM generate_series(1, 25) i), 'fr', 'french'
            FROM generate_series(1, 4000) n"""
        )
        # As autovacuum would: move the new rows from the GIN index's pending list into the index proper.
        cursor.execute("SELECT gin_clean_pending_list('search_document_vector'::regclass)")
        cursor.execute("ANALYZE search_searchdocument")
    return Project.objects.filter(query.matching("project", query.terms(q))).explain()


@pytest.mark.usefixtures("shelves")
def test_a_search_in_every_configuration_reads_the_gin_index():
    explained = plan("boutique ligne")

    assert "Bitmap Index Scan on search_document_vector" in explained, explained
    assert found("boutique ligne") == [BOUTIQUE]
