"""GET /api/v1/notifications (paginated, one's own only) and POST /api/v1/notifications/read {ids}:
ids of other people's notifications are ignored, never an error that would tell they exist."""

import pytest
from django.test import Client

from openhour.messaging.models import Notification
from openhour.messaging.notifications.services import notification_send

pytestmark = pytest.mark.django_db
JSON = "application/json"


def make(user, n: int) -> list[Notification]:
    return [
        notification_send(user=user, kind="hired", title=f"Hired {i}", url=f"/contracts/{i}", source=f"t:{i}")
        for i in range(n)
    ]


def test_the_list_is_paginated_newest_first(fred, client_for):
    make(fred, 3)
    browser = client_for(fred)

    first = browser.get("/api/v1/notifications?limit=2").json()
    second = browser.get(f"/api/v1/notifications?limit=2&cursor={first['next_cursor']}").json()

    assert [n["title"] for n in first["items"]] == ["Hired 2", "Hired 1"]
    assert [n["title"] for n in second["items"]] == ["Hired 0"] and second["next_cursor"] is None
    assert first["unread"] == 3
    assert set(first["items"][0]) == {"id", "kind", "title", "url", "created_at", "read_at"}


def test_marking_read_touches_only_ones_own(fred, olga, client_for):
    mine = make(fred, 2)
    theirs = make(olga, 1)
    ids = [str(mine[0].pk), str(theirs[0].pk), "not-an-id", "99999999"]

    answer = client_for(fred).post("/api/v1/notifications/read", {"ids": ids}, content_type=JSON)

    assert answer.status_code == 200
    assert answer.json() == {"read": [str(mine[0].pk)], "unread": 1}
    assert Notification.objects.get(pk=theirs[0].pk).read_at is None


def test_olga_sees_none_of_freds(fred, olga, client_for):
    make(fred, 2)
    assert client_for(olga).get("/api/v1/notifications").json()["items"] == []


def test_preferences_over_the_api(fred, client_for):
    browser = client_for(fred)
    changed = browser.put("/api/v1/notifications/preferences", {"channels": {"hired": "off"}}, content_type=JSON).json()
    assert changed["channels"]["hired"] == "off"
    refused = browser.put("/api/v1/notifications/preferences", {"channels": {"hired": "pigeon"}}, content_type=JSON)
    assert refused.status_code == 400 and refused.json()["error"]["fields"] == {"hired": ["Choose one of the options."]}


def test_signed_out_is_401():
    assert Client().get("/api/v1/notifications").status_code == 401
    assert Client().post("/api/v1/notifications/read", {"ids": []}, content_type=JSON).status_code == 401
