"""/api/v1/me/portfolio: a freelancer's samples of work, in the order they choose.

Fred's items are his alone: Olga gets the same 404 for his item ids as for ids that do not exist,
and Clara, a client only, keeps no portfolio at all.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from openhour.accounts.models import PortfolioItem

PORTFOLIO = "/api/v1/me/portfolio"


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def add(client, image_upload):
    def create(headers: dict[str, str], title: str, **fields: str):
        data = {"title": title, "description": f"About {title}", "image": image_upload(f"{title}.jpg"), **fields}
        return client.post(PORTFOLIO, data, headers=headers)

    return create


def titles(client, headers) -> list[str]:
    return [item["title"] for item in client.get(PORTFOLIO, headers=headers).json()["items"]]


def test_a_freelancer_adds_an_item(client, fred, bearer, add):
    response = add(bearer(fred), "Shop rebuild", link="https://shop.example.com")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id"] and isinstance(body["id"], str)
    assert body["title"] == "Shop rebuild"
    assert body["description"] == "About Shop rebuild"
    assert body["link"] == "https://shop.example.com"
    assert body["image"].endswith(".jpg")
    assert body["position"] == 0
    item = PortfolioItem.objects.get(owner=fred)
    assert item.image
    public = client.get("/api/v1/users/fred").json()
    assert [entry["title"] for entry in public["portfolio"]] == ["Shop rebuild"]


def test_the_list_is_in_position_order_with_a_cursor(client, fred, bearer, add):
    headers = bearer(fred)
    for title in ["one", "two", "three"]:
        add(headers, title)

    response = client.get(PORTFOLIO, headers=headers)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "next_cursor"}
    assert [item["title"] for item in body["items"]] == ["one", "two", "three"]
    assert [item["position"] for item in body["items"]] == [0, 1, 2]
    assert body["next_cursor"] is None


def test_the_list_pages_with_limit_and_cursor(client, fred, bearer, add):
    headers = bearer(fred)
    for title in ["one", "two", "three"]:
        add(headers, title)

    first = client.get(PORTFOLIO, {"limit": 2}, headers=headers).json()
    second = client.get(PORTFOLIO, {"limit": 2, "cursor": first["next_cursor"]}, headers=headers).json()

    assert [item["title"] for item in first["items"]] == ["one", "two"]
    assert first["next_cursor"]
    assert [item["title"] for item in second["items"]] == ["three"]
    assert second["next_cursor"] is None


@pytest.mark.parametrize("query", [{"limit": 101}, {"limit": 0}, {"cursor": "forged"}])
def test_bad_paging_is_a_400(client, fred, bearer, query):
    response = client.get(PORTFOLIO, query, headers=bearer(fred))

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == set(query)


def test_one_sees_only_ones_own_items(client, fred, olga, bearer, add):
    add(bearer(fred), "Fred's shop")

    assert titles(client, bearer(olga)) == []


def test_moving_an_item_reorders_the_rest(client, fred, bearer, add):
    headers = bearer(fred)
    ids = [add(headers, title).json()["id"] for title in ["one", "two", "three"]]

    response = client.patch(f"{PORTFOLIO}/{ids[2]}", {"position": 0}, content_type="application/json", headers=headers)

    assert response.status_code == 200
    assert response.json()["position"] == 0
    assert titles(client, headers) == ["three", "one", "two"]
    assert list(PortfolioItem.objects.filter(owner=fred).values_list("position", flat=True)) == [0, 1, 2]


def test_moving_past_the_end_puts_it_last(client, fred, bearer, add):
    headers = bearer(fred)
    ids = [add(headers, title).json()["id"] for title in ["one", "two", "three"]]

    client.patch(f"{PORTFOLIO}/{ids[0]}", {"position": 99}, content_type="application/json", headers=headers)

    assert titles(client, headers) == ["two", "three", "one"]


def test_editing_changes_only_the_given_fields(client, fred, bearer, add):
    headers = bearer(fred)
    item_id = add(headers, "one", link="https://one.example.com").json()["id"]

    response = client.patch(
        f"{PORTFOLIO}/{item_id}", {"title": "One, renamed"}, content_type="application/json", headers=headers
    )

    assert response.status_code == 200
    item = PortfolioItem.objects.get(pk=item_id)
    assert (item.title, item.description, item.link) == ("One, renamed", "About one", "https://one.example.com")


@pytest.mark.parametrize(
    ("body", "field"), [({"title": ""}, "title"), ({"link": "not a link"}, "link"), ({"position": -1}, "position")]
)
def test_bad_edits_change_nothing(client, fred, bearer, add, body, field):
    headers = bearer(fred)
    item_id = add(headers, "one").json()["id"]

    response = client.patch(f"{PORTFOLIO}/{item_id}", body, content_type="application/json", headers=headers)

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    item = PortfolioItem.objects.get(pk=item_id)
    assert (item.title, item.link, item.position) == ("one", "", 0)


def test_someone_elses_item_cannot_be_edited_or_deleted(client, fred, olga, bearer, add):
    freds = bearer(fred)
    ids = [add(freds, title).json()["id"] for title in ["one", "two"]]
    olgas = bearer(olga)

    edit = client.patch(
        f"{PORTFOLIO}/{ids[1]}", {"title": "Mine now", "position": 0}, content_type="application/json", headers=olgas
    )
    delete = client.delete(f"{PORTFOLIO}/{ids[1]}", headers=olgas)

    for response in (edit, delete):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert titles(client, freds) == ["one", "two"]
    assert len(stored_files()) == 2


@pytest.mark.parametrize("item_id", ["999999", "abc"])
def test_items_that_do_not_exist_are_a_404(client, fred, bearer, item_id):
    headers = bearer(fred)

    edit = client.patch(f"{PORTFOLIO}/{item_id}", {"title": "x"}, content_type="application/json", headers=headers)
    delete = client.delete(f"{PORTFOLIO}/{item_id}", headers=headers)

    assert (edit.status_code, delete.status_code) == (404, 404)
    assert edit.json()["error"]["code"] == delete.json()["error"]["code"] == "not_found"


def test_deleting_removes_the_item_and_its_image(client, fred, bearer, add, django_capture_on_commit_callbacks):
    headers = bearer(fred)
    item_id = add(headers, "one").json()["id"]
    add(headers, "two")

    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the deletion commits
        response = client.delete(f"{PORTFOLIO}/{item_id}", headers=headers)

    assert response.status_code == 204
    assert titles(client, headers) == ["two"]
    assert len(stored_files()) == 1


def test_a_client_keeps_no_portfolio(client, clara, bearer, add):
    response = add(bearer(clara), "Not a freelancer")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert not PortfolioItem.objects.exists()
    assert stored_files() == []


def test_the_portfolio_needs_someone_signed_in(client, fred, bearer, add):
    item_id = add(bearer(fred), "one").json()["id"]

    assert client.get(PORTFOLIO).status_code == 401
    assert add({}, "anonymous").status_code == 401
    assert client.patch(f"{PORTFOLIO}/{item_id}", {"title": "x"}, content_type="application/json").status_code == 401
    assert client.delete(f"{PORTFOLIO}/{item_id}").status_code == 401
    assert titles(client, bearer(fred)) == ["one"]


def test_an_item_needs_an_image(client, fred, bearer):
    response = client.post(PORTFOLIO, {"title": "No picture"}, headers=bearer(fred))

    assert response.status_code == 400
    assert "image" in response.json()["error"]["fields"]
    assert not PortfolioItem.objects.exists()


def test_an_item_image_must_be_an_image(client, fred, bearer):
    upload = SimpleUploadedFile("work.jpg", b"%PDF-1.4 not an image at all" * 20, content_type="image/jpeg")

    response = client.post(PORTFOLIO, {"title": "PDF", "image": upload}, headers=bearer(fred))

    assert response.status_code == 400
    assert "image" in response.json()["error"]["fields"]
    assert not PortfolioItem.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"link": "not a link"}, "link"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"description": "x" * 2001}, "description"),
    ],
)
def test_bad_item_fields_store_nothing(client, fred, bearer, image_upload, fields, field):
    data = {"title": "Work", "image": image_upload(), **fields}

    response = client.post(PORTFOLIO, data, headers=bearer(fred))

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not PortfolioItem.objects.exists()
    assert stored_files() == []


def test_a_portfolio_holds_at_most_thirty_items(client, fred, bearer, add, image_upload):
    from openhour.accounts.services import MAX_PORTFOLIO_ITEMS, portfolio_item_create

    for n in range(MAX_PORTFOLIO_ITEMS):
        portfolio_item_create(user=fred, title=f"Work {n}", image=image_upload(size=(20, 20)))

    response = add(bearer(fred), "One too many")

    assert response.status_code == 400
    assert PortfolioItem.objects.filter(owner=fred).count() == MAX_PORTFOLIO_ITEMS
    assert len(stored_files()) == MAX_PORTFOLIO_ITEMS


def test_a_session_cannot_add_items_without_the_csrf_token(fred, image_upload):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(fred, backend="django.contrib.auth.backends.ModelBackend")

    response = browser.post(PORTFOLIO, {"title": "Forged", "image": image_upload()})

    assert response.status_code == 403
    assert not PortfolioItem.objects.exists()
