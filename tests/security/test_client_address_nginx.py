"""Behind a real reverse proxy: Debian's nginx on loopback in front of openhour, appending the client's address
with `$proxy_add_x_forwarded_for`. nginx talks to openhour from 127.0.0.2 (proxy_bind), the one address in
TRUSTED_PROXIES; the clients connect from 127.0.0.5 and 127.0.0.6 and differ otherwise only in the
X-Forwarded-For they forge. openhour must see each client's own address and nothing the client wrote.
"""

import http.client
import json
from collections.abc import Iterator

import pytest

from conftest import PASSWORD
from openhour.reviews.integrity.models import AccessRecord
from tests.security.nginx import needs_nginx, nginx_running, openhour_served

pytestmark = [needs_nginx, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PROXY, ALICE, MALLORY = "127.0.0.2", "127.0.0.5", "127.0.0.6"
LOCATIONS = """
    location / {{
      proxy_pass http://{upstream};
      proxy_bind {proxy};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }}
"""


@pytest.fixture
def nginx(tmp_path, settings) -> Iterator[int]:
    settings.TRUSTED_PROXIES = [PROXY]
    with (
        openhour_served() as upstream,
        nginx_running(tmp_path / "nginx", LOCATIONS.format(upstream=upstream, proxy=PROXY)) as port,
    ):
        yield port


def token(port: int, source: str, email: str, password: str, forged: str | None = None) -> int:
    """POST /api/v1/auth/tokens through nginx from `source`, perhaps with a forged X-Forwarded-For."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    headers = {"Content-Type": "application/json"} | ({"X-Forwarded-For": forged} if forged else {})
    body = json.dumps({"email": email, "password": password, "label": "cli"})
    connection.request("POST", "/api/v1/auth/tokens", body=body, headers=headers)
    status = connection.getresponse().status
    connection.close()
    return status


def sign_in(port: int, source: str, email: str, forged: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    page = "/accounts/login/"
    connection.request("GET", page, headers={"X-Forwarded-For": forged})
    response = connection.getresponse()
    response.read()
    cookie = response.headers["Set-Cookie"].split(";")[0]
    csrf = cookie.split("=", 1)[1]
    body = f"login={email}&password={PASSWORD}&csrfmiddlewaretoken={csrf}"
    headers = {
        "Cookie": cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": forged,
        "Referer": f"http://127.0.0.1:{port}{page}",
    }
    connection.request("POST", page, body=body, headers=headers)
    assert connection.getresponse().status == 302
    connection.close()


def test_the_app_sees_the_client_nginx_saw_not_the_forged_header(nginx, fred):
    sign_in(nginx, ALICE, fred.email, forged="6.6.6.6")

    assert list(AccessRecord.objects.filter(user=fred).values_list("ip", flat=True)) == [ALICE]


def test_forged_addresses_make_no_fresh_buckets_and_each_real_client_has_its_own(nginx, fred):
    guesses = [token(nginx, MALLORY, fred.email, "guess", forged=f"198.51.100.{n}") for n in range(8)]

    assert guesses == [400] * 5 + [429] * 3  # RATE_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS: 5 per 5 minutes
    assert token(nginx, ALICE, fred.email, PASSWORD) == 201  # another client, the same proxy: not locked out


def test_the_per_address_limit_holds_behind_the_proxy(nginx, fred):
    guesses = [token(nginx, MALLORY, f"n{n}@example.com", "guess", forged=f"203.0.113.{n}") for n in range(12)]

    assert guesses == [400] * 10 + [429] * 2  # RATE_LOGIN_FAILURES_PER_ADDRESS: 10 a minute
    assert token(nginx, ALICE, "someone@example.com", "guess") == 400
