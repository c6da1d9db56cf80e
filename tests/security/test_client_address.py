"""One trustworthy client address: X-Forwarded-For counts only when the peer is a proxy named in
TRUSTED_PROXIES, so a client cannot make itself a fresh address per request; from a trusted proxy the
forwarded address is the one limits, access records and review evidence use.
"""

import json

import pytest
from django.test import Client, RequestFactory

from openhour.accounts.models import User
from openhour.lib.client_address import address_bucket, client_ip
from openhour.reviews.integrity.models import AccessRecord

pytestmark = pytest.mark.django_db


def ip(remote: str, forwarded: str | None = None) -> str:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_by_default_nobody_is_trusted_and_the_header_is_ignored(settings):
    assert settings.TRUSTED_PROXIES == []
    assert ip("203.0.113.7", "198.51.100.1") == "203.0.113.7"
    assert ip("203.0.113.7", "127.0.0.1, 10.0.0.1") == "203.0.113.7"


def test_a_trusted_proxy_vouches_for_the_address_it_appended(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ip("10.0.0.5", "203.0.113.7") == "203.0.113.7"
    # What the client wrote itself sits further left and is never read.
    assert ip("10.0.0.5", "6.6.6.6, 203.0.113.7") == "203.0.113.7"
    # Several trusted hops are walked past, from the right.
    assert ip("10.0.0.5", "6.6.6.6, 203.0.113.7, 10.1.2.3") == "203.0.113.7"


def test_a_header_from_a_peer_that_is_not_a_trusted_proxy_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ip("198.51.100.9", "203.0.113.7") == "198.51.100.9"


def test_garbage_in_the_header_never_becomes_the_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ip("10.0.0.5", "not-an-ip") == "10.0.0.5"
    assert ip("10.0.0.5", "203.0.113.7, <script>, 10.0.0.9") == "10.0.0.9"
    assert ip("10.0.0.5", "") == "10.0.0.5"


def test_a_count_of_proxies_takes_the_address_that_many_hops_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["1"]
    assert ip("10.0.0.5", "6.6.6.6, 203.0.113.7") == "203.0.113.7"
    assert ip("10.0.0.5") == "10.0.0.5"  # no header: the peer itself
    settings.TRUSTED_PROXIES = ["2"]
    assert ip("10.0.0.5", "6.6.6.6, 203.0.113.7, 10.0.0.4") == "203.0.113.7"


def test_ipv6_addresses_count_per_64_network():
    assert address_bucket("2001:db8:1:2:aaaa::1") == address_bucket("2001:db8:1:2:bbbb::2") == "2001:db8:1:2::"
    assert address_bucket("2001:db8:1:3::1") != address_bucket("2001:db8:1:2::1")
    assert address_bucket("::ffff:203.0.113.7") == "203.0.113.7"


def signup(client: Client, n: int, forwarded: str) -> int:
    body = {
        "email": f"sock-{n}@example.com",
        "password": "a-long-enough-passphrase",
        "name": f"Sock {n}",
        "role": "freelancer",
    }
    response = client.post(
        "/api/v1/auth/signup", json.dumps(body), content_type="application/json", HTTP_X_FORWARDED_FOR=forwarded
    )
    return response.status_code


def test_forged_forwarded_addresses_do_not_make_fresh_sign_up_buckets(client, settings):
    settings.RATE_SIGNUPS_PER_ADDRESS = "10/h"
    statuses = [signup(client, n, forwarded=f"198.51.100.{n}") for n in range(25)]

    assert statuses[:10] == [201] * 10
    assert set(statuses[10:]) == {429}
    assert User.objects.filter(email__startswith="sock-").count() == 10


def test_behind_a_trusted_proxy_each_forwarded_address_is_its_own_bucket(client, settings):
    settings.RATE_SIGNUPS_PER_ADDRESS = "2/h"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's peer address plays the proxy
    same = [signup(client, n, forwarded="203.0.113.7") for n in range(3)]
    other = signup(client, 3, forwarded="203.0.113.8")

    assert same == [201, 201, 429]
    assert other == 201


def test_sign_ins_are_recorded_with_the_forwarded_address_only_from_a_trusted_proxy(client, fred, settings):
    from conftest import PASSWORD

    client.post("/accounts/login/", {"login": fred.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.7")
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    Client().post("/accounts/login/", {"login": fred.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.7")

    recorded = list(AccessRecord.objects.filter(user=fred, kind="login").order_by("pk").values_list("ip", flat=True))
    assert recorded == ["127.0.0.1", "203.0.113.7"]
