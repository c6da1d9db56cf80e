"""Where levels show: /trust/levels (generated from the rules), the badge on profiles, search cards and
proposals, the public profile in the API, and a freelancer's own progress, which nobody else sees."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from conftest import make_user
from openhour.jobs.tests.proposal_kit import post, send
from openhour.reviews.levels.rules import CRITERIA, LEVELS
from openhour.reviews.levels.services import levels_refresh
from openhour.reviews.levels.tests import kit

pytestmark = pytest.mark.django_db

BADGE = 'class="level-badge level-top_rated" href="/trust/levels#top_rated"'


def test_the_page_lists_every_level_and_criterion_from_the_rules_the_check_applies(client):
    page = client.get("/trust/levels").content.decode()

    for level in LEVELS:
        assert f'id="{level.code}"' in page and level.name in page
        for code, threshold in level.thresholds:
            assert escape(CRITERIA[code].sentence(threshold)) in page
    assert "once every 24 hours" in page
    assert "warning or a suspension" in page  # what a sanction does
    assert "Where you stand" not in page  # a visitor has no progress


def test_the_page_says_when_the_last_check_finished(client, clara, fred):
    from openhour.reviews.levels.services import levels_refresh_due

    levels_refresh_due()
    assert "The last check finished on" in client.get("/trust/levels").content.decode()


def test_a_freelancer_sees_where_they_stand_and_why_they_lost_a_level(clara, fred, client_for):
    kit.contracts(clara, fred, 1)
    kit.reputation(fred, score="4.80", reviews=1)
    levels_refresh()
    (contract,) = kit.contracts(clara, fred, 1)
    kit.milestone(contract, due_on=timezone.localdate() - timedelta(days=1))
    levels_refresh()

    page = client_for(fred).get("/trust/levels").content.decode()

    assert "Where you stand" in page and "You hold no level yet." in page
    assert "Not yet:" in page and "0% on time" in page
    assert "lost Rising talent" in page
    assert "On-time delivery fell below 80% (0%)" in page


def test_nobody_else_sees_a_freelancers_progress(clara, fred, client_for):
    kit.contracts(clara, fred, 1)
    page = client_for(clara).get("/trust/levels").content.decode()  # a client: no freelancer progress
    assert "Where you stand" not in page and "(you:" not in page


def test_the_badge_shows_on_the_profile_in_words_and_links_to_the_rules(client, fred):
    assert "level-badge" not in client.get("/u/fred").content.decode()
    kit.holding(fred, "top_rated")

    page = client.get("/u/fred").content.decode()

    assert BADGE in page
    assert "Reputation level:" in page and "Top rated</a>" in page  # text, not colour alone


def test_a_lost_level_shows_no_badge(client, fred):
    row = kit.holding(fred, "top_rated")
    row.level = ""
    row.save()
    assert "level-badge" not in client.get("/u/fred").content.decode()


def test_search_cards_show_badges_for_no_more_queries(client):
    for n in range(3):
        make_user(f"plain{n}", name=f"Plain {n}", freelancer=True)
    with CaptureQueriesContext(connection) as without:
        client.get("/freelancers")
    for n in range(3):
        kit.holding(make_user(f"rated{n}", name=f"Rated {n}", freelancer=True), "top_rated")

    with CaptureQueriesContext(connection) as with_badges:
        page = client.get("/freelancers").content.decode()

    assert page.count(BADGE) == 3
    assert len(with_badges) == len(without)


def test_the_client_sees_the_badge_on_the_proposals_list(clara, fred, olga, client_for):
    project = post(clara)
    send(project, fred)
    send(project, olga)
    kit.holding(fred, "top_rated")

    page = client_for(clara).get(f"/projects/{project.pk}/proposals").content.decode()

    assert page.count(BADGE) == 1


def test_the_public_profile_in_the_api_gains_a_level_and_keeps_its_fields(client, fred):
    before = client.get("/api/v1/users/fred").json()
    assert before["level"] is None
    kit.holding(fred, "top_rated_plus")

    after = client.get("/api/v1/users/fred").json()

    assert after["level"] == {"code": "top_rated_plus", "name": "Top rated plus"}
    assert set(before) == set(after) and {"username", "reputation", "portfolio", "skills"} <= set(after)


def test_the_freelancers_dashboard_shows_what_the_next_level_needs(clara, fred, client_for):
    kit.contracts(clara, fred, 1)
    kit.reputation(fred, score="4.80", reviews=1)
    levels_refresh()

    page = client_for(fred).get("/dashboard?as=freelancer").content.decode()

    assert "Your reputation level" in page and 'level-rising_talent"' in page
    assert "Still needed for Top rated:" in page
    assert escape(CRITERIA["completed"].sentence(10)) in page
    assert "Your reputation level" not in client_for(clara).get("/dashboard").content.decode()
