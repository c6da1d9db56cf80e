"""Debian's nginx on loopback in front of openhour, for the tests that need a real reverse proxy.

openhour runs in a plain WSGI server of its own (as gunicorn would run it; pytest-django's live server answers
/media/ with its own handler), and nginx, in a private prefix under the test's folder, proxies to it with the
`location` blocks a test gives.
"""

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.handlers.wsgi import WSGIHandler

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
needs_nginx = pytest.mark.skipif(not Path(NGINX).exists(), reason="needs Debian's nginx")

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
{locations}
  }}
}}
"""


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def openhour_served() -> Iterator[str]:
    """openhour on a free loopback port; yields its `host:port` for proxy_pass."""
    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def nginx_running(folder: Path, locations: str) -> Iterator[int]:
    """nginx with these `location` blocks, from its own prefix in `folder`; yields the port it listens on."""
    port = _free_port()
    folder.mkdir()
    (folder / "nginx.conf").write_text(CONF.format(dir=folder, port=port, locations=locations))
    server = subprocess.Popen(  # noqa: S603 -- Debian's nginx with our own configuration
        [NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx did not start")
