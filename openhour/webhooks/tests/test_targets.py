"""Webhooks reach only the public internet: private, loopback, link-local and reserved targets are refused when
subscribing and again before each attempt (a name may resolve elsewhere by then), unless
WEBHOOK_ALLOWED_PRIVATE_TARGETS lets that network through. Plain http only while loopback is allowed."""

import pytest

from openhour.webhooks import targets
from openhour.webhooks.models import Delivery
from openhour.webhooks.services.endpoints import endpoint_send_test
from openhour.webhooks.tests.conftest import subscribe

pytestmark = pytest.mark.django_db

PRIVATE = "This address leads to a private or reserved network, which webhooks may not reach."


def create(browser, url, events=("milestone.released",)):
    return browser.post("/api/v1/webhooks", {"url": url, "events": list(events)}, content_type="application/json")


@pytest.fixture
def no_private(settings):
    settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS = []


@pytest.mark.parametrize(
    "url",
    [
        "https://10.0.0.1/hooks",  # a private network
        "https://169.254.169.254/latest/meta-data",  # a cloud's metadata service (link-local)
        "https://[::1]/hooks",  # loopback over IPv6
        "https://[::ffff:127.0.0.1]/hooks",  # loopback written as IPv6
        "https://0.0.0.0/hooks",  # unspecified
        "https://224.0.0.1/hooks",  # multicast
        "https://240.0.0.1/hooks",  # reserved
        "https://100.64.0.1/hooks",  # carrier-grade NAT, not global
        "https://localhost/hooks",  # a name that resolves to loopback
    ],
)
def test_private_targets_are_refused_when_subscribing(url, no_private, fred, client_for):
    answer = create(client_for(fred), url)

    assert answer.status_code == 400, answer.content
    assert answer.json()["error"]["fields"]["url"] == [PRIVATE]


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://example.com/hooks", "Use an https:// address."),  # plain http, loopback not allowed
        ("ftp://example.com/hooks", "Use an https:// address."),
        ("https://user:pass@example.com/hooks", "Leave the user name and password out of the address."),
        ("https:///hooks", "Give a full address, with a host name."),
        ("https://example.com:99999/hooks", "The port of this address is not valid."),
        ("https://no-such-host.invalid/hooks", "We could not find this host."),
    ],
)
def test_malformed_or_plain_http_targets_are_refused(url, problem, no_private, fred, client_for):
    answer = create(client_for(fred), url)

    assert answer.status_code == 400
    assert answer.json()["error"]["fields"]["url"] == [problem]


def test_the_development_default_allows_loopback_and_plain_http_there(settings, fred, client_for, receiver):
    settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS = ["127.0.0.0/8", "::1/128"]

    assert create(client_for(fred), receiver.url()).status_code == 201
    assert create(client_for(fred), receiver.url(host="localhost")).status_code == 201
    assert create(client_for(fred), "https://10.0.0.1/hooks").status_code == 400  # loopback only


def test_an_allowed_private_network_may_be_targeted(settings):
    settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS = ["10.20.0.0/16"]

    assert targets.checked("https://10.20.1.2:8443/in?x=1") == targets.Target(
        scheme="https", host="10.20.1.2", port=8443, path="/in?x=1", addresses=("10.20.1.2",)
    )
    with pytest.raises(targets.Refused):
        targets.checked("https://10.21.0.1/")
    with pytest.raises(targets.Refused):
        targets.checked("http://10.20.1.2/")  # plain http needs loopback allowed


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_targets_are_checked_again_before_each_attempt(host, settings, fred, receiver, committed, run_worker):
    """Allowed when subscribed, refused when posted: nothing connects to the receiver at all."""
    hook = subscribe(fred, receiver.url(host=host, scheme="https"), "milestone.released")
    committed(lambda: endpoint_send_test(owner=fred, endpoint_id=hook.pk))
    settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS = []

    run_worker()

    assert receiver.connections == 0 and receiver.requests == []
    delivery = Delivery.objects.get()
    assert delivery.attempts == 1 and delivery.response_code is None
    assert (
        delivery.error == "Not sent: This address leads to a private or reserved network, which webhooks may not reach."
    )
