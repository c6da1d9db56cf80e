"""Ways to the dashboard: the menu and the home page lead signed-in people there; visitors see neither."""

import pytest

pytestmark = pytest.mark.django_db


def _nav(html: str) -> str:
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def test_signed_in_people_find_the_dashboard_and_their_contracts_in_the_menu_and_on_the_home_page(
    clara, fred, client_for
):
    for who in (clara, fred):
        html = client_for(who).get("/").content.decode()
        assert '<a href="/dashboard">Dashboard</a>' in _nav(html)
        assert '<a href="/contracts">Contracts</a>' in _nav(html)
        assert '<a href="/dashboard">Go to your dashboard</a>' in html


def test_visitors_see_no_dashboard_links(client, db):
    html = client.get("/").content.decode()
    assert "/dashboard" not in html and '<a href="/contracts">' not in html
