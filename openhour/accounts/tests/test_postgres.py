"""Behaviour that depends on PostgreSQL: parallel sign-ups race for one e-mail address."""

import threading

import pytest
from allauth.core.context import request_context
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.test import RequestFactory

from openhour.accounts import selectors, services
from openhour.accounts.models import User
from openhour.lib.errors import InvalidInput

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def signup_request():
    request = RequestFactory().post("/api/v1/auth/signup")
    SessionMiddleware(lambda r: None).process_request(request)
    return request


def test_parallel_signups_with_one_address_create_one_account():
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def sign_up(email: str) -> None:
        try:
            request = signup_request()
            barrier.wait()
            with request_context(request):  # what allauth's middleware does for a real request
                services.user_signup(
                    request=request, email=email, password="a-strong-pass-phrase-9", name="Race", role="client"
                )
            outcomes.append("created")
        except InvalidInput as refused:
            assert "email" in refused.fields
            outcomes.append("refused")
        finally:
            connection.close()

    emails = ["race@example.com", "RACE@example.com", "Race@Example.com", "race@example.com"]
    threads = [threading.Thread(target=sign_up, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["created", "refused", "refused", "refused"]
    assert User.objects.filter(email__iexact="race@example.com").count() == 1


def test_freelancer_search_matches_words_and_skills(fred, olga):
    found = selectors.freelancer_search(q="django DEVELOPER")
    assert list(found) == [fred]
    assert list(selectors.freelancer_search(skill="python", sort="rate")) == [fred]


def test_null_characters_are_bad_input_not_server_errors(client, fred):
    assert client.get("/api/v1/freelancers", {"q": "dja\x00ngo"}).status_code == 400
    assert client.get("/freelancers", {"q": "dja\x00ngo"}).status_code == 400
    assert client.get("/api/v1/users/fr%00ed").status_code in (400, 404)
    signup = {"email": "nul@example.com", "password": "a-strong-pass-phrase-9", "name": "N\x00L", "role": "client"}
    response = client.post("/api/v1/auth/signup", signup, content_type="application/json")
    assert response.status_code == 400
    assert "name" in response.json()["error"]["fields"]


def test_parallel_portfolio_additions_respect_the_limit(fred, image_upload, monkeypatch):
    from openhour.accounts.models import PortfolioItem

    monkeypatch.setattr(services, "MAX_PORTFOLIO_ITEMS", 2)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def add(n: int) -> None:
        try:
            barrier.wait()
            services.portfolio_item_create(user=fred, title=f"Sample {n}", image=image_upload(f"s{n}.jpg"))
            outcomes.append("added")
        except InvalidInput:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["added", "added", "full", "full"]
    assert sorted(PortfolioItem.objects.filter(owner=fred).values_list("position", flat=True)) == [0, 1]
