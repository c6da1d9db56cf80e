"""The production layout for private files, for real: Debian's nginx on loopback in front of openhour,
PRIVATE_FILES_SERVE=x-accel and an `internal` location for the private folder.

nginx passes the request line on as the client sent it (proxy_pass without a URI), so every path trick reaches
Django unmodified; the internal location answers only to Django's X-Accel-Redirect, never to a client.
"""

import http.client
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.test import Client

from openhour.messaging.conversations.services import message_send
from tests.security.nginx import needs_nginx, nginx_running, openhour_served
from tests.security.test_private_files import ORIGINAL, SECRET, _upload, tricks

pytestmark = [
    needs_nginx,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # the seeded taxonomy comes back after
]
LOCATIONS = """
    location /_private/ {{ internal; alias {private}/; add_header X-Content-Type-Options nosniff always; }}
    location / {{ proxy_pass http://{upstream}; proxy_set_header Host $http_host; }}
"""


@pytest.fixture
def nginx(tmp_path, settings) -> Iterator[int]:
    settings.PRIVATE_FILES_SERVE = "x-accel"
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    with (
        openhour_served() as upstream,
        nginx_running(tmp_path / "nginx", LOCATIONS.format(private=private, upstream=upstream)) as port,
    ):
        yield port


def _get(port: int, path: str, session: str | None = None) -> tuple[int, bytes, http.client.HTTPMessage]:
    """A raw request line: http.client sends the path exactly as given, dots and all."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Cookie": f"{django_settings.SESSION_COOKIE_NAME}={session}"} if session else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, response.headers


def _session(user: Any) -> str:
    browser = Client()
    browser.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return browser.cookies[django_settings.SESSION_COOKIE_NAME].value


def test_behind_nginx_the_parties_get_the_file_and_nobody_else_does(nginx, clara, fred, olga):
    row = message_send(to=fred, by=clara, text="Signed.", files=[_upload()]).attachments.get()
    url = f"/messages/files/{row.pk}"

    status, body, headers = _get(nginx, url, _session(fred))
    assert (status, body) == (200, SECRET)  # the bytes came from nginx: Django sent none
    assert headers["Content-Disposition"].endswith("filename*=UTF-8''%C3%9Cnterschrift%202026.pdf")
    assert headers["Cache-Control"] == "private, no-store"
    assert headers["X-Content-Type-Options"] == "nosniff"  # nginx drops it from Django's answer: README adds it
    assert headers["X-Accel-Redirect"] is None  # nginx consumes it; the client never learns the storage name

    assert _get(nginx, url, _session(olga))[0] == 404
    assert _get(nginx, url)[0] == 302  # to sign in
    stored, legacy = row.file.name, f"private/messages/2026/12/{ORIGINAL}"
    planted = Path(django_settings.MEDIA_ROOT) / legacy  # where the old code kept it, inside public media
    planted.parent.mkdir(parents=True)
    planted.write_bytes(SECRET)
    for who in (None, _session(olga)):
        for path in [f"/_private/{stored}", f"/_private//{stored}", f"/x/../_private/{stored}"]:
            status, body, _ = _get(nginx, path, who)
            assert status == 404 and SECRET not in body, path
        for target in (stored, f"../private/{stored}", legacy):
            for path in tricks(target):
                status, body, _ = _get(nginx, quote(path, safe="/%"), who)
                assert SECRET not in body and 400 <= status < 500, path
