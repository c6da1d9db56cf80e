"""The Webhooks page under the account menu: plain forms without JavaScript, errors shown on the form, the secret
shown once. Signed-out visitors are sent to sign in; another person's endpoint is a 404 on every page and button;
the market-wide choice is offered to operators only."""

import pytest

from openhour.webhooks.models import Delivery, Endpoint
from openhour.webhooks.tests.conftest import subscribe

pytestmark = pytest.mark.django_db


def test_signed_out_visitors_are_sent_to_sign_in(db, client):
    answer = client.get("/me/webhooks")

    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_adding_an_endpoint_shows_its_secret_once(fred, client_for, receiver):
    browser = client_for(fred)
    page = browser.get("/me/webhooks")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<label for="id_url">' in html and 'value="milestone.released"' in html and "id_scope" not in html
    assert '<a href="/me/webhooks">Webhooks</a>' in html  # in the account menu

    answer = browser.post("/me/webhooks", {"url": receiver.url(), "events": ["milestone.released", "payout.paid"]})

    assert answer.status_code == 200
    endpoint = Endpoint.objects.get()
    assert endpoint.events == ["milestone.released", "payout.paid"] and endpoint.scope == "mine"
    assert endpoint.secret in answer.content.decode()
    assert endpoint.secret not in browser.get("/me/webhooks").content.decode()
    assert answer["Cache-Control"].startswith("max-age=0")


def test_a_refused_address_is_shown_on_the_form(fred, client_for, settings):
    settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS = []
    answer = client_for(fred).post("/me/webhooks", {"url": "https://169.254.169.254/", "events": ["payout.paid"]})

    assert answer.status_code == 400
    assert answer.context["form"].errors["url"] == [
        "This address leads to a private or reserved network, which webhooks may not reach."
    ]
    assert 'role="alert"' in answer.content.decode() and not Endpoint.objects.exists()


def test_no_event_chosen_is_a_field_error(fred, client_for, receiver):
    answer = client_for(fred).post("/me/webhooks", {"url": receiver.url()})

    assert answer.status_code == 400 and "events" in answer.context["form"].errors


def test_a_non_operator_posting_market_scope_gets_their_own_events(fred, client_for, receiver):
    client_for(fred).post("/me/webhooks", {"url": receiver.url(), "events": ["payout.paid"], "scope": "market"})

    assert Endpoint.objects.get().scope == "mine"  # the choice is not offered, and not taken


def test_operators_may_choose_the_whole_market(operator, client_for, receiver):
    browser = client_for(operator)
    assert "id_scope" in browser.get("/me/webhooks").content.decode()

    browser.post("/me/webhooks", {"url": receiver.url(), "events": ["payout.paid"], "scope": "market"})

    assert Endpoint.objects.get().scope == "market"


def test_the_detail_page_sends_a_test_event_and_shows_the_log(fred, client_for, receiver, committed, run_worker):
    hook = subscribe(fred, receiver.url(), "milestone.released")
    browser = client_for(fred)

    answer = committed(lambda: browser.post(f"/me/webhooks/{hook.pk}/test"))
    assert answer.status_code == 302 and answer["Location"] == f"/me/webhooks/{hook.pk}"
    run_worker()

    page = browser.get(f"/me/webhooks/{hook.pk}").content.decode()
    delivery = Delivery.objects.get()
    assert '<h2 id="log-heading">Delivery log</h2>' in page
    assert "webhook.test" in page and str(delivery.event_id) in page and "Delivered" in page and "200" in page


def test_rotating_shows_the_new_secret_and_deleting_removes_it(fred, client_for, receiver):
    hook = subscribe(fred, receiver.url(), "milestone.released")
    browser = client_for(fred)

    rotated = browser.post(f"/me/webhooks/{hook.pk}/rotate-secret")
    hook.refresh_from_db()
    assert rotated.status_code == 200 and hook.secret in rotated.content.decode()
    assert "Also signs deliveries until" in rotated.content.decode()

    assert browser.post(f"/me/webhooks/{hook.pk}/delete").status_code == 302
    assert not Endpoint.objects.exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", ""), ("post", "/test"), ("post", "/rotate-secret"), ("post", "/enable"), ("post", "/delete")],
)
def test_another_persons_endpoint_is_not_found(method, path, fred, olga, operator, client_for, receiver):
    hook = subscribe(fred, receiver.url(), "milestone.released")
    for outsider in (olga, operator):
        answer = getattr(client_for(outsider), method)(f"/me/webhooks/{hook.pk}{path}")
        assert answer.status_code == 404, outsider
    assert receiver.url() not in client_for(olga).get("/me/webhooks").content.decode()
    hook.refresh_from_db()
    assert hook.secret == Endpoint.objects.get().secret and not Delivery.objects.exists()
