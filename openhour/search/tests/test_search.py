"""Full-text search over projects, freelancers and Hourlies: relevance, stemming and prefixes, hostile input, privacy.

The relevance tests run on SQLite (FTS5) here and on PostgreSQL in `test_search_postgres`."""

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.accounts.models import User
from openhour.accounts.selectors import freelancer_search
from openhour.accounts.services import profile_update
from openhour.catalog.models import Hourlie
from openhour.catalog.selectors.hourlies import hourlie_search
from openhour.catalog.services.hourlies import hourlie_pause, hourlie_publish, hourlie_remove, hourlie_update
from openhour.jobs.models import Invitation, Project
from openhour.jobs.selectors.projects import project_search
from openhour.jobs.services.projects import project_close, project_post, project_update
from openhour.search.models import SearchDocument
from openhour.search.query import terms

FILLER = "We are a small team and need help soon. Budget is flexible for the right person."


def post(client: User, title: str, **overrides: Any) -> Project:
    fields: dict[str, Any] = {
        "title": title,
        "description": f"{FILLER} {title}.",
        "category": "web-software",
        "skills": [],
        "budget_min": 10000,
        "budget_max": 20000,
        "currency": "GBP",
    }
    fields.update(overrides)
    return project_post(client=client, **fields)


def found(q: str, **filters: Any) -> list[str]:
    return [project.title for project in project_search(q=q, sort="relevance", **filters)]


def people(q: str) -> list[str]:
    return [person.name for person in freelancer_search(q=q)]


@pytest.mark.django_db
def test_a_title_match_outranks_a_skill_match_which_outranks_a_description_match(clara):
    post(clara, "Shop checkout", description=f"{FILLER} Screens come from Figma.")
    post(clara, "Shop redesign", skills=["figma"])
    post(clara, "Figma shop mock-ups")

    assert found("figma") == ["Figma shop mock-ups", "Shop redesign", "Shop checkout"]


@pytest.mark.django_db
def test_relevance_beats_recency(clara):
    post(clara, "Logo for a bakery")
    post(clara, "Bakery website", description=f"{FILLER} We already have a logo.")

    assert found("logo") == ["Logo for a bakery", "Bakery website"]
    assert [p.title for p in project_search(q="logo", sort="newest")] == ["Bakery website", "Logo for a bakery"]


@pytest.mark.django_db
def test_skill_names_match(clara):
    post(clara, "Tidy our books", category="business-admin", skills=["xero"])
    post(clara, "Something else")

    assert found("xero") == ["Tidy our books"]
    assert found("XERO tidy") == ["Tidy our books"]


@pytest.mark.django_db
def test_every_word_must_match(clara):
    post(clara, "Bakery logo")
    post(clara, "Django shop", skills=["python"])

    assert found("bakery logo") == ["Bakery logo"]
    assert found("bakery python") == []


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["design", "designers", "desig", "DESIGNER"])
def test_word_forms_and_prefixes_match(clara, q):
    post(clara, "Brand designer wanted")
    post(clara, "Accounting help")

    assert found(q) == ["Brand designer wanted"]


HOSTILE = [
    '"',
    '""',
    "*",
    "AND OR NOT",
    "NOT",
    "(",
    ")",
    "a OR b",
    "NEAR(logo bakery)",
    "NEAR",
    "-",
    "- -",
    "logo -",
    "title:logo",
    "title : logo",
    "{title skills}: logo",
    "^logo",
    "logo*",
    "'",
    "\\",
    ":*",
    "& | !",
    "<->",
    "logo & !bakery",
    "a'b",
    "😀",
    "logo 😀",
    "ＬＯＧＯ",
    "ünïcödé",
    "日本語",
    "  ",
    "_",
    "__init__",
    "%",
    "%s",
    "?",
    "1=1; DROP TABLE search_fts;--",
    "x" * 300,
    "word " * 500,
]


@pytest.mark.django_db
@pytest.mark.parametrize("q", HOSTILE)
def test_no_search_text_breaks_the_search(client, clara, fred, q):
    post(clara, "Bakery logo", skills=["logo-design"])

    list(project_search(q=q, sort="relevance"))
    list(project_search(q=q))
    list(freelancer_search(q=q))
    list(hourlie_search(q=q, sort="relevance"))
    assert client.get("/projects", {"q": q, "sort": "relevance"}).status_code == 200
    assert client.get("/freelancers", {"q": q}).status_code == 200
    if len(q) <= 200:
        assert client.get("/api/v1/projects", {"q": q, "sort": "relevance"}).status_code == 200
        assert client.get("/api/v1/freelancers", {"q": q}).status_code == 200


def test_search_text_becomes_at_most_eight_plain_words():
    assert terms('NEAR(logo "bakery") -x title:Café*') == ["near", "logo", "bakery", "x", "title", "café"]
    assert terms("a b c d e f g h i j") == ["a", "b", "c", "d", "e", "f", "g", "h"]
    assert terms("😀 ( * ) _") == []
    assert max(len(word) for word in terms("y" * 500)) == 40


@pytest.mark.django_db
def test_text_with_no_words_finds_nothing_rather_than_everything(clara, fred):
    post(clara, "Bakery logo")

    assert found("(*)") == []
    assert people('"') == []
    assert found("  ") == ["Bakery logo"]


@pytest.mark.django_db
def test_hidden_projects_never_leak_through_search(clara, olga, fred):
    post(clara, "Secret rebrand logo", visibility="invite_only")
    project_close(project_id=post(clara, "Closed logo job").pk, by=clara)
    post(clara, "Public logo job")

    for viewer in (None, olga):
        assert found("logo", viewer=viewer) == ["Public logo job"]
        assert found("secret", viewer=viewer) == []
        assert found("closed", viewer=viewer) == []
    assert found("secret", viewer=clara) == ["Secret rebrand logo"]
    secret = Project.objects.get(title="Secret rebrand logo")
    Invitation.objects.create(project=secret, freelancer=fred, invited_by=clara)
    assert found("secret", viewer=fred) == ["Secret rebrand logo"]


@pytest.mark.django_db
def test_freelancers_without_a_verified_email_are_not_found(fred, una):
    profile_update(user=una, headline="Python developer", skills=["python"])

    assert people("python") == ["Fred Freelancer"]
    assert people("una") == []


@pytest.mark.django_db
def test_freelancers_are_found_by_name_headline_bio_and_skill_best_match_first(fred, olga):
    profile_update(user=olga, bio="Sometimes I help with Django projects too.")

    assert people("django") == ["Fred Freelancer", "Olga Outsider"]  # Fred's headline and skill beat Olga's bio
    assert people("olga") == ["Olga Outsider"]
    assert people("applications") == ["Fred Freelancer"]
    assert people("python") == ["Fred Freelancer"]


@pytest.mark.django_db
def test_the_index_follows_edits(clara, fred):
    project = post(clara, "Bakery logo")

    project_update(
        project_id=project.pk, by=clara, title="Florist website", description=f"{FILLER} Flowers.", skills=["react"]
    )
    assert found("bakery") == []
    assert found("florist react") == ["Florist website"]

    profile_update(user=fred, headline="Data engineer", skills=["react"])
    assert people("engineer react") == ["Fred Freelancer"]
    assert people("developer") == []
    # Renames and deletions happen in the admin: test_freshness follows those.


@pytest.mark.django_db
def test_saves_that_change_no_searched_text_do_not_reindex(clara, django_assert_num_queries):
    project = post(clara, "Bakery logo")
    project.status = Project.Status.CLOSED

    with django_assert_num_queries(1):
        project.save(update_fields=["status"])


@pytest.mark.django_db
def test_search_reindex_rebuilds_everything(clara, fred):
    post(clara, "Bakery logo", skills=["logo-design"])
    SearchDocument.objects.all().delete()
    assert found("bakery") == []

    call_command("search_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert found("bakery logo") == ["Bakery logo"]
    assert people("django") == ["Fred Freelancer"]
    assert SearchDocument.objects.get(kind="project").skills == "Logo Design"


@pytest.mark.django_db
def test_sorting_by_relevance_costs_the_same_queries_however_many_projects_match(client, clara):
    post(clara, "First logo")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/projects", {"q": "logo", "sort": "relevance"}).status_code == 200
        return len(captured)

    few = queries()
    for n in range(8):
        post(clara, f"Logo number {n}", skills=["logo-design", "figma"])
    assert queries() == few


def offer(freelancer: User, title: str, **overrides: Any) -> Hourlie:
    fields: dict[str, Any] = {
        "title": title,
        "description": f"{FILLER} {title}.",
        "category": "design",
        "skills": [],
        "packages": [{"name": "Basic", "price": 5000, "delivery_days": 3}],
    }
    fields.update(overrides)
    return hourlie_publish(freelancer=freelancer, **fields)


def services(q: str) -> list[str]:
    return [hourlie.title for hourlie in hourlie_search(q=q, sort="relevance")]


@pytest.mark.django_db
def test_hourlies_are_found_best_match_first_and_follow_edits(fred, olga):
    offer(fred, "Website copy", description=f"{FILLER} Drafted in Figma.")
    offer(olga, "Brand kit", skills=["figma"])
    newest = offer(olga, "Figma mock-ups")

    assert services("figma") == ["Figma mock-ups", "Brand kit", "Website copy"]

    hourlie_update(hourlie_id=newest.pk, by=olga, title="Hand-lettered menus", description=f"{FILLER} Menus.")
    assert services("figma") == ["Brand kit", "Website copy"]
    assert services("lettered menu") == ["Hand-lettered menus"]


@pytest.mark.django_db
def test_paused_and_removed_hourlies_never_leak_through_search(fred):
    paused, removed = offer(fred, "Paused logo service"), offer(fred, "Removed logo service")
    offer(fred, "Listed logo service")
    hourlie_pause(hourlie_id=paused.pk, by=fred)
    hourlie_remove(hourlie_id=removed.pk, by=fred)

    assert services("logo") == ["Listed logo service"]
    assert services("paused") == services("removed") == []
