"""The notification centre: newest first, unread marked, each one links to its thing and is read once
followed; "Mark all as read"; the header badge in one query; only ever one's own notifications."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.messaging.models import Notification
from openhour.messaging.notifications.selectors import unread_notifications_count
from openhour.messaging.notifications.services import notification_send

pytestmark = pytest.mark.django_db


def make(user, n: int, kind: str = "payout_sent") -> list[Notification]:
    return [
        notification_send(user=user, kind=kind, title=f"Notice {i}", url="/wallet/payouts", source=f"test:{i}")
        for i in range(n)
    ]


def test_newest_first_with_unread_marked(fred, client_for):
    first, second = make(fred, 2)
    Notification.objects.filter(pk=first.pk).update(read_at=first.created_at)

    page = client_for(fred).get("/notifications").content.decode()

    assert page.index("Notice 1") < page.index("Notice 0")
    assert f'id="notification-{second.pk}" class="unread"' in page
    assert f'id="notification-{first.pk}">' in page
    assert "Mark all as read" in page
    assert f'href="/notifications/{second.pk}/open"' in page


def test_following_one_marks_it_read_and_goes_to_its_thing(fred, client_for):
    (notice,) = make(fred, 1)
    browser = client_for(fred)

    answer = browser.get(f"/notifications/{notice.pk}/open")

    assert answer.status_code == 302 and answer["Location"] == "/wallet/payouts"
    assert Notification.objects.get(pk=notice.pk).read_at is not None
    assert "Mark all as read" not in browser.get("/notifications").content.decode()


def test_mark_all_as_read(fred, clara, client_for):
    make(fred, 3)
    make(clara, 1)

    answer = client_for(fred).post("/notifications/read-all", follow=True)

    assert "All notifications are marked as read." in answer.content.decode()
    assert unread_notifications_count(user=fred) == 0
    assert unread_notifications_count(user=clara) == 1  # hers are untouched


def test_olga_can_neither_see_nor_follow_freds(fred, olga, client_for, client):
    (notice,) = make(fred, 1)

    assert "Notice 0" not in client_for(olga).get("/notifications").content.decode()
    assert client_for(olga).get(f"/notifications/{notice.pk}/open").status_code == 404
    assert client_for(olga).get("/notifications/99999999999999999999/open").status_code == 404
    assert Notification.objects.get(pk=notice.pk).read_at is None
    assert client.get("/notifications").status_code == 302  # signed out: to the sign-in page
    assert client.post("/notifications/read-all").status_code == 302


def test_the_badge_counts_in_one_query(fred):
    make(fred, 5)
    with CaptureQueriesContext(connection) as queries:
        assert unread_notifications_count(user=fred) == 5
    assert len(queries) == 1


def test_the_centre_takes_the_same_queries_for_3_or_30(fred, client_for):
    browser = client_for(fred)
    make(fred, 3)
    with CaptureQueriesContext(connection) as few:
        browser.get("/notifications")
    Notification.objects.all().delete()
    make(fred, 30)
    with CaptureQueriesContext(connection) as many:
        assert browser.get("/notifications").status_code == 200
    assert len(many) == len(few)


def test_the_badge_shows_in_the_header(fred, client_for):
    make(fred, 2)
    page = client_for(fred).get("/notifications").content.decode()
    assert '<span class="count-badge">2<span class="visually-hidden"> new</span>' in page
