"""The header bell: its dropdown lists the person's own latest eight, never anyone else's; signed-out visitors
have no bell, and the dropdown's address answers them nothing; without htmx the bell is a link to the centre."""

import pytest

from openhour.messaging.notifications.services import notification_send

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def make(user, n: int, prefix: str = "Notice") -> None:
    for i in range(n):
        notification_send(user=user, kind="payout_sent", title=f"{prefix} {i}", url="/wallet", source=f"{prefix}:{i}")


def test_the_dropdown_shows_my_latest_eight_newest_first(fred, client_for):
    make(fred, 10)

    answer = client_for(fred).get("/notifications/bell", headers=HTMX)

    html = answer.content.decode()
    assert answer.status_code == 200
    assert html.index("Notice 9") < html.index("Notice 2")
    assert "Notice 1<" not in html and "Notice 0<" not in html  # only the eight newest
    assert "Mark all read" in html and 'href="/notifications">See all</a>' in html
    assert '<span class="count-badge">10<span class="visually-hidden"> new</span>' in html


def test_someone_elses_notifications_are_never_in_my_dropdown(fred, olga, client_for):
    make(fred, 2, prefix="For Fred")
    make(olga, 1, prefix="For Olga")

    html = client_for(olga).get("/notifications/bell", headers=HTMX).content.decode()

    assert "For Olga 0" in html
    assert "For Fred" not in html
    assert '<span class="count-badge">1<' in html


def test_nothing_yet_and_nothing_to_mark(olga, client_for):
    html = client_for(olga).get("/notifications/bell", headers=HTMX).content.decode()
    assert "Nothing yet" in html
    assert "Mark all read" not in html


def test_signed_out_visitors_have_no_bell_and_the_dropdown_answers_nothing(client, fred):
    make(fred, 1)

    assert 'id="nav-bell"' not in client.get("/").content.decode()
    refused = client.get("/notifications/bell", headers=HTMX)
    assert refused.status_code == 403 and refused.content == b""
    assert client.get("/notifications/bell")["Location"] == "/notifications"  # then the centre asks to sign in


def test_the_bell_is_a_link_to_the_centre_that_htmx_turns_into_a_dropdown(fred, client_for):
    make(fred, 3)
    html = client_for(fred).get("/").content.decode()
    assert '<a href="/notifications" id="nav-bell" class="bell" hx-get="/notifications/bell"' in html
    assert '<span class="count-badge">3<span class="visually-hidden"> new</span>' in html
    opened_directly = client_for(fred).get("/notifications/bell")
    assert opened_directly.status_code == 302 and opened_directly["Location"] == "/notifications"
