"""The search tests again on PostgreSQL (full text with a GIN index), plus what only PostgreSQL has."""

import pytest
from django.db import connection

from openhour.search.tests.test_freshness import (  # noqa: F401 (collected here too, to run on PostgreSQL)
    test_a_client_who_adds_the_freelancer_role_is_found_by_name,
    test_a_profile_edited_on_the_page_and_through_the_api_is_found_by_its_new_words,
    test_a_project_posted_and_edited_through_the_api_is_found_by_its_new_words,
    test_an_operator_renames_a_person_and_edits_their_profile_in_the_admin,
    test_what_an_operator_deletes_in_the_admin_leaves_search,
)
from openhour.search.tests.test_search import (  # noqa: F401 (collected here too, to run on PostgreSQL)
    post,
    test_a_title_match_outranks_a_skill_match_which_outranks_a_description_match,
    test_every_word_must_match,
    test_freelancers_are_found_by_name_headline_bio_and_skill_best_match_first,
    test_freelancers_without_a_verified_email_are_not_found,
    test_hidden_projects_never_leak_through_search,
    test_hourlies_are_found_best_match_first_and_follow_edits,
    test_no_search_text_breaks_the_search,
    test_paused_and_removed_hourlies_never_leak_through_search,
    test_relevance_beats_recency,
    test_search_reindex_rebuilds_everything,
    test_skill_names_match,
    test_sorting_by_relevance_costs_the_same_queries_however_many_projects_match,
    test_text_with_no_words_finds_nothing_rather_than_everything,
    test_the_index_follows_edits,
    test_word_forms_and_prefixes_match,
)

pytestmark = [pytest.mark.postgres]


@pytest.mark.django_db
def test_documents_have_a_weighted_vector_with_a_gin_index(clara):
    post(clara, "Brand designer wanted", skills=["figma"])

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_vector'")
        assert "USING gin (vector)" in cursor.fetchone()[0]
        cursor.execute("SELECT vector::text FROM search_searchdocument WHERE kind = 'project'")
        vector = cursor.fetchone()[0]
    assert "'design':2A" in vector
    assert "'figma':" in vector and "B" in vector.split("'figma':")[1].split()[0]


@pytest.mark.django_db
def test_matching_can_use_the_gin_index(clara):
    post(clara, "Brand designer wanted")

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT object_id FROM search_searchdocument WHERE vector @@ to_tsquery('english', 'design:*')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_document_vector" in plan
