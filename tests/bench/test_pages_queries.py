"""The pages bench/pages.py times make as many SQL queries with 30 projects, freelancers, proposals, reviews,
services, milestones, contracts or conversations as with 3, so their time need not grow with the data.

Who asks is who bench/pages.py signs in: Fred (a freelancer) reads his feed, dashboard and inbox; Clara owns
the project whose proposals she reads and is the client on the contract; visitors read the public pages.
Each count is of the second fetch, as in the bench: the first may record the session's activity.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from openhour.accounts.services import profile_update
from openhour.catalog.services import hourlies
from openhour.jobs.tests.proposal_kit import post, send
from openhour.lib.process import CLIENT, FREELANCER
from openhour.messaging.conversations.tests.kit import say
from openhour.money.tests.kit import contract_between
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db
FEW, MANY = 3, 30


def queries(browser: Client, path: str) -> int:
    assert browser.get(path).status_code == 200, path
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(path).status_code == 200, path
    return len(captured)


def counts(add: Callable[[int], Any], browsers: dict[str, Client]) -> tuple[dict[str, int], dict[str, int]]:
    """Query counts of each path after `add` made items 0..FEW-1, then again after it made FEW..MANY-1."""
    for n in range(FEW):
        add(n)
    few = {path: queries(browser, path) for path, browser in browsers.items()}
    for n in range(FEW, MANY):
        add(n)
    return few, {path: queries(browser, path) for path, browser in browsers.items()}


def someone(role: str, n: int) -> Any:
    return make_user(f"{role}{n}", name=f"{role.title()} {n}", **{role: True})


def test_the_feed_and_project_search_with_many_projects(fred, client_for, bearer):
    visitor = Client()
    browsers = {
        "/feed": client_for(fred),
        "/api/v1/feed": Client(headers=bearer(fred)),
        "/projects": visitor,
        "/api/v1/projects": visitor,
        "/projects?q=django": visitor,
        "/api/v1/projects?q=django": visitor,
        "/projects?q=bakery": visitor,  # the rare word: one project
    }

    def add(n: int) -> None:
        title = "Bakery logo" if n == 0 else f"Django shop {n}"
        post(someone("client", n), title=title, skills=["django", "python", "react"][: 1 + n % 3])

    few, many = counts(add, browsers)

    assert many == few


def test_the_freelancer_search_with_many_freelancers(client):
    def add(n: int) -> None:
        profile_update(
            user=someone("freelancer", n),
            headline=f"Django developer {n}",
            bio="I build web applications.",
            skills=["python", "django", "react"][: 1 + n % 3],
            hourly_rate=4000 + n,
            rate_currency="GBP",
            country="GB",
            languages=["en"],
        )

    few, many = counts(add, {"/freelancers?q=django": client, "/api/v1/freelancers?q=django": client})

    assert many == few


def test_the_owner_reads_many_proposals(clara, client_for, bearer):
    project = post(clara)
    paths = {f"/projects/{project.pk}/proposals": client_for(clara)}
    paths[f"/api/v1/projects/{project.pk}/proposals"] = Client(headers=bearer(clara))

    few, many = counts(lambda n: send(project, someone("freelancer", n)), paths)

    assert many == few


def test_the_profile_and_reputation_of_a_freelancer_with_many_reviews(fred, client, ledger_ok):
    def add(n: int) -> None:
        contract = finished(someone("client", n), fred)
        review_submit(contract_id=contract.pk, by=contract.client, data=body(CLIENT, 1 + n % 5))
        review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER, 5))

    paths = ["/u/fred", "/u/fred/reviews", "/api/v1/users/fred", "/api/v1/users/fred/reviews"]
    paths.append("/api/v1/users/fred/reputation")
    few, many = counts(add, dict.fromkeys(paths, client))

    assert many == few
    ledger_ok()


def test_the_services_list_with_many_services(client):
    def add(n: int) -> None:
        hourlies.hourlie_publish(
            freelancer=someone("freelancer", n),
            title=f"A Django bug fixed {n}",
            description="One bug, found and fixed, with a test.",
            category="web-software",
            skills=["django", "python"],
            packages=[{"name": "Basic", "price": 5000 + n, "delivery_days": 2}],
            extras=[],
        )

    few, many = counts(add, {"/hourlies": client, "/api/v1/hourlies": client})

    assert many == few


def test_a_contract_with_many_milestones(clara, fred, client_for, bearer):
    browser, api = client_for(clara), Client(headers=bearer(clara))

    def paths(milestones: int) -> dict[str, int]:
        contract = contract_between(clara, fred, *[10_000 + n for n in range(milestones)])
        return {
            "page": queries(browser, f"/contracts/{contract.pk}"),
            "api": queries(api, f"/api/v1/contracts/{contract.pk}"),
        }

    assert paths(MANY) == paths(FEW)


def test_the_dashboard_with_many_contracts(fred, client_for):
    few, many = counts(
        lambda n: contract_between(someone("client", n), fred, 10_000 + n), {"/dashboard": client_for(fred)}
    )

    assert many == few


def test_the_api_contract_list_with_many_contracts(fred, bearer):
    browsers = {"/api/v1/contracts": Client(headers=bearer(fred))}

    few, many = counts(lambda n: contract_between(someone("client", n), fred, 10_000 + n), browsers)

    assert many == few


def test_the_inbox_with_many_conversations(fred, client_for, bearer):
    browsers = {"/messages": client_for(fred), "/api/v1/conversations": Client(headers=bearer(fred))}

    few, many = counts(lambda n: say(someone("client", n), fred, f"Hello {n}"), browsers)

    assert many == few
