"""/api/v1/webhooks: anyone signed in (session or token) subscribes their own events; only operators the market's.
Another person's endpoint is not found, whatever is asked of it; unknown events are a field error."""

import pytest

from openhour.webhooks.models import Delivery, Endpoint
from openhour.webhooks.services.endpoints import endpoint_send_test
from openhour.webhooks.tests.conftest import subscribe

pytestmark = pytest.mark.django_db


def create(browser, url, events=("milestone.released",), **more):
    body = {"url": url, "events": list(events), **more}
    return browser.post("/api/v1/webhooks", body, content_type="application/json")


def test_a_token_holder_subscribes_and_gets_the_secret_once(fred, bearer, receiver, client):
    headers = bearer(fred)
    answer = client.post(
        "/api/v1/webhooks",
        {"url": receiver.url(), "events": ["milestone.released", "proposal.received", "milestone.released"]},
        content_type="application/json",
        headers=headers,
    )

    assert answer.status_code == 201, answer.content
    made = answer.json()
    assert made["secret"].startswith("whsec_") and made["scope"] == "mine" and made["status"] == "active"
    assert made["events"] == ["proposal.received", "milestone.released"]  # once each, in the catalogue's order
    listed = client.get("/api/v1/webhooks", headers=headers).json()
    assert [item["id"] for item in listed["items"]] == [made["id"]] and listed["next_cursor"] is None
    assert "secret" not in listed["items"][0]


def test_unknown_events_are_a_field_error(fred, client_for, receiver):
    answer = create(client_for(fred), receiver.url(), events=["milestone.released", "milestone.vanished"])

    assert answer.status_code == 400
    assert answer.json()["error"]["fields"] == {"events": ["Unknown events: milestone.vanished."]}
    assert create(client_for(fred), receiver.url(), events=[]).json()["error"]["fields"] == {
        "events": ["Choose at least one event."]
    }
    assert not Endpoint.objects.exists()


def test_only_operators_subscribe_to_the_whole_market(fred, operator, client_for, receiver):
    refused = create(client_for(fred), receiver.url(), scope="market")
    assert refused.status_code == 403
    assert set(refused.json()["error"]["fields"]) == {"scope"}
    assert create(client_for(fred), receiver.url(), scope="everyone").status_code == 400

    made = create(client_for(operator), receiver.url(), scope="market")
    assert made.status_code == 201 and made.json()["scope"] == "market"


def test_an_unverified_person_cannot_subscribe(una, client_for, receiver):
    assert create(client_for(una), receiver.url()).json()["error"]["code"] == "email_unverified"


def test_anonymous_gets_401(db, client):
    assert client.get("/api/v1/webhooks").status_code == 401
    assert client.post("/api/v1/webhooks", {}, content_type="application/json").status_code == 401


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("delete", ""),
        ("post", "/test"),
        ("post", "/rotate-secret"),
        ("post", "/enable"),
        ("get", "/deliveries"),
    ],
)
def test_another_persons_endpoint_is_not_found(method, path, fred, olga, operator, client_for, receiver):
    hook = subscribe(fred, receiver.url(), "milestone.released")
    for outsider in (olga, operator):
        answer = getattr(client_for(outsider), method)(f"/api/v1/webhooks/{hook.pk}{path}")
        assert answer.status_code == 404, (outsider, answer.content)
    assert client_for(olga).get("/api/v1/webhooks").json()["items"] == []
    assert client_for(olga).delete("/api/v1/webhooks/not-an-id").status_code == 404
    hook.refresh_from_db()
    assert hook.active and not Delivery.objects.exists()


def test_the_delivery_log_shows_status_attempts_and_answers(fred, client_for, receiver, committed, run_worker):
    hook = subscribe(fred, receiver.url(), "milestone.released")
    browser = client_for(fred)
    queued = committed(lambda: browser.post(f"/api/v1/webhooks/{hook.pk}/test"))
    assert queued.status_code == 202 and queued.json()["status"] == "pending"
    run_worker()

    (item,) = browser.get(f"/api/v1/webhooks/{hook.pk}/deliveries").json()["items"]
    assert item["event"]["type"] == "webhook.test" and item["event"]["id"] == queued.json()["event"]["id"]
    assert (item["status"], item["attempts"], item["response_code"]) == ("delivered", 1, 200)
    (attempt,) = item["attempt_log"]
    assert attempt["number"] == 1 and attempt["response_code"] == 200 and attempt["at"]


def test_rotating_answers_a_new_secret_and_when_the_old_one_stops(fred, client_for, receiver):
    hook = subscribe(fred, receiver.url(), "milestone.released")

    answer = client_for(fred).post(f"/api/v1/webhooks/{hook.pk}/rotate-secret").json()

    assert answer["secret"] != hook.secret and answer["previous_secret_expires_at"]


def test_deleting_stops_everything(fred, client_for, receiver, committed, run_worker):
    hook = subscribe(fred, receiver.url(), "milestone.released")
    committed(lambda: endpoint_send_test(owner=fred, endpoint_id=hook.pk))

    assert client_for(fred).delete(f"/api/v1/webhooks/{hook.pk}").status_code == 204
    run_worker()

    assert receiver.requests == [] and not Endpoint.objects.exists() and not Delivery.objects.exists()
