"""GET /api/v1/categories and GET /api/v1/skills: the taxonomy anyone may read, signed in or not."""

import pytest

from openhour.catalog.models import Category, Skill

pytestmark = pytest.mark.django_db


def test_categories_list_every_category_in_order_with_its_skills(client):
    response = client.get("/api/v1/categories")

    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    slugs = [category["slug"] for category in body["items"]]
    assert slugs == list(Category.objects.order_by("position", "name").values_list("slug", flat=True))
    web = next(category for category in body["items"] if category["slug"] == "web-software")
    assert web["name"] == "Web & Software"
    assert web["description"]
    assert {"slug": "django", "name": "Django", "label": "Django"} in web["skills"]
    assert sum(len(category["skills"]) for category in body["items"]) == Skill.objects.count()


def test_a_new_category_from_the_admin_shows_up(client):
    category = Category.objects.create(name="Crafts", slug="crafts", position=99)
    Skill.objects.create(name="Knitting", slug="knitting", category=category)

    items = client.get("/api/v1/categories").json()["items"]

    assert items[-1] == {
        "slug": "crafts",
        "name": "Crafts",
        "label": "Crafts",  # an operator's category has no shipped translation: it reads as written
        "description": "",
        "description_label": "",
        "skills": [{"slug": "knitting", "name": "Knitting", "label": "Knitting"}],
    }


def test_categories_take_two_queries_however_many_there_are(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get("/api/v1/categories").status_code == 200


def test_skills_search_by_name_in_any_case(client):
    response = client.get("/api/v1/skills", {"q": "PYTH"})

    assert response.status_code == 200
    assert response.json()["items"] == [
        {"slug": "python", "name": "Python", "label": "Python", "category": "web-software"}
    ]


def test_skills_search_matches_inside_names(client):
    names = [skill["name"] for skill in client.get("/api/v1/skills", {"q": "translation"}).json()["items"]]

    assert names == ["French Translation", "German Translation", "Spanish Translation"]


def test_skills_without_a_query_are_alphabetical_and_limited(client):
    body = client.get("/api/v1/skills", {"limit": 5}).json()

    names = [skill["name"] for skill in body["items"]]
    assert names == list(Skill.objects.order_by("name").values_list("name", flat=True)[:5])
    assert body["next_cursor"] is None


def test_a_query_that_matches_nothing_is_an_empty_list(client):
    assert client.get("/api/v1/skills", {"q": "underwater basket weaving"}).json()["items"] == []


@pytest.mark.parametrize(
    ("query", "field"), [({"limit": 101}, "limit"), ({"limit": 0}, "limit"), ({"q": "x" * 81}, "q")]
)
def test_bad_skill_queries_are_a_400_naming_the_field(client, query, field):
    response = client.get("/api/v1/skills", query)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert field in response.json()["error"]["fields"]


def test_the_taxonomy_looks_the_same_to_signed_in_people(client, clara, bearer):
    headers = bearer(clara)

    assert client.get("/api/v1/categories", headers=headers).json() == client.get("/api/v1/categories").json()
    assert (
        client.get("/api/v1/skills", {"q": "de"}, headers=headers).json()
        == client.get("/api/v1/skills", {"q": "de"}).json()
    )


def test_the_taxonomy_is_read_only(client, operator, bearer):
    headers = bearer(operator)

    for path in ("/api/v1/categories", "/api/v1/skills"):
        response = client.post(path, {"slug": "x", "name": "X"}, content_type="application/json", headers=headers)
        assert response.status_code == 405
    assert not Category.objects.filter(slug="x").exists()
