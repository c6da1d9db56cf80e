"""Saved searches over the API: Fred saves the filters GET /projects takes and lists only his own; Olga can neither
see, change nor delete his (404); filters the list endpoints do not know, or bad values, are a 400 naming the
field; a person keeps at most 20 (a 409 beyond)."""

import pytest
from django.test import Client

from openhour.search.saved.models import SavedSearch
from openhour.search.saved.services import LIMIT

API = "/api/v1/saved-searches"
pytestmark = pytest.mark.django_db


def as_(user, bearer) -> Client:
    return Client(headers=bearer(user))


def save(client: Client, body: dict):
    return client.post(API, body, content_type="application/json")


def test_fred_saves_a_project_search_and_gets_the_page_that_runs_it(fred, bearer):
    answer = save(
        as_(fred, bearer),
        {"kind": "projects", "query": {"q": "logo", "category": "design", "min_budget": 5000}, "alert": "instant"},
    )

    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["kind"] == "projects" and body["alert"] == "instant"
    assert body["query"] == {"q": "logo", "category": "design", "min_budget": 5000}  # defaults are not stored
    assert body["url"].endswith("/projects?q=logo&category=design&min_budget=50.00&currency=GBP")
    assert body["name"].startswith("Projects: logo")
    assert as_(fred, bearer).get(API).json()["items"][0]["id"] == body["id"]


def test_a_freelancer_search_takes_the_freelancer_filters(clara, bearer):
    answer = save(as_(clara, bearer), {"kind": "freelancers", "query": {"skill": "django", "max_rate": 6000}})

    assert answer.status_code == 201, answer.content
    assert answer.json()["alert"] == "daily"
    assert answer.json()["url"].endswith("/freelancers?skill=django&max_rate=60.00&currency=GBP")


def test_an_amount_written_as_a_whole_json_number_is_read_as_that_integer(clara, bearer):
    # JSON Schema counts 6000.0 as an integer, so a client's JSON library may send it so.
    answer = save(as_(clara, bearer), {"kind": "freelancers", "query": {"max_rate": 6000.0}})

    assert answer.status_code == 201, answer.content
    assert answer.json()["query"]["max_rate"] == 6000


@pytest.mark.parametrize(
    "body, field",
    [
        ({"kind": "projects", "query": {"colour": "red"}}, "query.colour"),
        ({"kind": "projects", "query": {"max_rate": 5000}}, "query.max_rate"),  # a freelancer filter
        ({"kind": "freelancers", "query": {"min_budget": 5000}}, "query.min_budget"),
        ({"kind": "projects", "query": {"budget_type": "weekly"}}, "query.budget_type"),
        ({"kind": "projects", "query": {"min_budget": -1}}, "query.min_budget"),
        ({"kind": "projects", "query": {"min_budget": 60.5}}, "query.min_budget"),  # a fraction of a penny
        ({"kind": "hourlies", "query": {}}, "kind"),
        ({"kind": "projects", "query": {}, "alert": "hourly"}, "alert"),
    ],
)
def test_filters_the_list_does_not_take_are_refused_naming_the_field(fred, bearer, body, field):
    answer = save(as_(fred, bearer), body)

    assert answer.status_code == 400, answer.content
    fields = answer.json()["error"]["fields"]  # named within the kind's shape: `projects.query.colour`
    assert any(name.endswith(field) or f"'{field}'" in " ".join(texts) for name, texts in fields.items()), fields
    assert not SavedSearch.objects.exists()


def test_the_list_is_only_your_own_and_another_persons_search_is_not_found(fred, olga, bearer):
    mine = save(as_(fred, bearer), {"kind": "projects", "query": {"q": "django"}}).json()
    as_olga = as_(olga, bearer)

    assert as_olga.get(API).json()["items"] == []
    assert as_olga.delete(f"{API}/{mine['id']}").status_code == 404
    changed = as_olga.patch(f"{API}/{mine['id']}", {"alert": "off"}, content_type="application/json")
    assert changed.status_code == 404
    assert SavedSearch.objects.get().alert == "daily"


def test_fred_changes_the_alert_then_deletes_the_search(fred, bearer):
    as_fred = as_(fred, bearer)
    mine = save(as_fred, {"kind": "projects", "query": {}}).json()

    changed = as_fred.patch(f"{API}/{mine['id']}", {"alert": "off"}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["alert"] == "off"
    assert as_fred.delete(f"{API}/{mine['id']}").status_code == 204
    assert as_fred.get(API).json()["items"] == []


def test_signed_out_nobody_lists_or_saves(fred):
    assert Client().get(API).status_code == 401
    assert save(Client(), {"kind": "projects", "query": {}}).status_code == 401


def test_at_most_twenty_saved_searches_each(fred, olga, bearer):
    as_fred = as_(fred, bearer)
    for n in range(LIMIT):
        assert save(as_fred, {"kind": "projects", "query": {"q": f"word{n}"}}).status_code == 201

    refused = save(as_fred, {"kind": "projects", "query": {"q": "one more"}})

    assert refused.status_code == 409  # like the most payout methods: it succeeds once one is deleted
    assert refused.json()["error"]["code"] == "saved_search_limit"
    assert save(as_(olga, bearer), {"kind": "projects", "query": {}}).status_code == 201  # a limit per person


def test_a_name_is_kept_on_one_line_as_it_becomes_the_alerts_subject(fred):
    from openhour.search.saved.services import saved_search_create

    search = saved_search_create(owner=fred, kind="projects", query={}, name="Django\r\n work \t in London")

    assert search.name == "Django work in London"
