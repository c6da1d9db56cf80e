"""Behind a real reverse proxy: Debian's nginx on loopback in front of openhour, appending the client's address
with `$proxy_add_x_forwarded_for`. nginx talks to openhour from 127.0.0.2 (proxy_bind), the one address in
TRUSTED_PROXIES; the clients connect from 127.0.0.5 and 127.0.0.6 and differ otherwise only in the
X-Forwarded-For they forge. openhour must see each client's own address and nothing the client wrote.
"""

import http.client
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.handlers.wsgi import WSGIHandler

from conftest import PASSWORD
from openhour.reviews.integrity.models import AccessRecord

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = [
    pytest.mark.skipif(not Path(NGINX).exists(), reason="needs Debian's nginx"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PROXY, ALICE, MALLORY = "127.0.0.2", "127.0.0.5", "127.0.0.6"

CONF = """
worker_processes 1;
user root;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log {dir}/access.log;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://{upstream};
      proxy_bind {proxy};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }}
  }}
}}
"""


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def nginx(tmp_path, settings) -> Iterator[int]:  # type: ignore[no-untyped-def]
    settings.TRUSTED_PROXIES = [PROXY]
    app = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=_Quiet)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    port, folder = _free_port(), tmp_path / "nginx"
    folder.mkdir()
    conf = CONF.format(dir=folder, port=port, upstream=f"127.0.0.1:{app.server_port}", proxy=PROXY)
    (folder / "nginx.conf").write_text(conf)
    server = subprocess.Popen(  # noqa: S603 -- Debian's nginx with our own configuration
        [NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        _wait_for(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
        app.shutdown()
        app.server_close()


def _wait_for(port: int) -> None:
    import socket
    import time

    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx did not start")


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
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forged,
               "Referer": f"http://127.0.0.1:{port}{page}"}  # fmt: skip
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
