"""The responsiveness badge on a freelancer's profile and search card: shown from three conversations on,
and read in the same query as the person, so lists do not grow a query per card."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from openhour.accounts.services import profile_update
from openhour.messaging.models import Responsiveness

pytestmark = pytest.mark.django_db


def freelancer(username: str, *, median: int | None = None, sample: int = 0):
    person = make_user(username, name=f"{username.title()} Person", freelancer=True)
    profile_update(user=person, headline="Designer", skills=["figma"], hourly_rate=3000, rate_currency="GBP")
    if median is not None:
        Responsiveness.objects.create(user=person, median_minutes=median, sample=sample)
    return person


def test_the_profile_shows_how_quickly_fred_replies(client, fred):
    Responsiveness.objects.create(user=fred, median_minutes=150, sample=4)
    assert "Usually replies within 3 hours" in client.get("/u/fred").content.decode()


def test_too_few_conversations_show_nothing(client, fred):
    Responsiveness.objects.create(user=fred, median_minutes=5, sample=2)
    assert "Usually replies" not in client.get("/u/fred").content.decode()
    Responsiveness.objects.filter(user=fred).delete()
    assert "Usually replies" not in client.get("/u/fred").content.decode()


def test_search_cards_show_it_for_each_freelancer(client):
    freelancer("quick", median=20, sample=5)
    freelancer("steady", median=600, sample=3)
    freelancer("new")
    page = client.get("/freelancers").content.decode()
    assert page.count("Usually replies within an hour") == 1 and page.count("Usually replies within a day") == 1


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as done:
        assert client.get(url).status_code == 200
    return len(done)


def test_the_badge_adds_no_query_to_search_or_the_profile(client):
    for n in range(3):
        freelancer(f"plain{n}")
    search_without, profile_without = queries(client, "/freelancers"), queries(client, "/u/plain0")
    for n in range(3, 12):
        freelancer(f"quick{n}", median=30, sample=3)

    assert queries(client, "/freelancers") == search_without
    assert queries(client, "/u/quick3") == profile_without
