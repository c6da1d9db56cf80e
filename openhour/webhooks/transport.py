"""Posting one delivery over HTTP to the addresses a target check returned, and nowhere else.

The standard library's http.client: it follows no redirect and reads no proxy settings from the environment, and
its connection is opened here, to a checked address, while the Host header and the TLS certificate check still
use the host name.
"""

import http.client
import socket
import ssl

from openhour.webhooks.targets import Target


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self) -> None:
        raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(raw, server_hostname=self.host)


def post(target: Target, *, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST `body` and return the response's status code. Tries the checked addresses in turn until one accepts
    the connection; once the request is sent it is not sent again. Raises OSError when none answers."""
    connection = _connected(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def _connected(target: Target, timeout: float) -> http.client.HTTPConnection:
    kind = _PinnedHTTPS if target.scheme == "https" else _PinnedHTTP
    failure: OSError = ConnectionError("no address to connect to")
    for address in target.addresses:
        connection = kind(target.host, target.port, address=address, timeout=timeout)
        try:
            connection.connect()
        except OSError as error:
            connection.close()
            failure = error
            continue
        return connection
    raise failure
