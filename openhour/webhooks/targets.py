"""Where a webhook may be posted: an https address whose host resolves only to public addresses.

A URL is checked when someone subscribes it and again right before each attempt, because what a name resolves
to can change in between (DNS rebinding). The attempt then connects to the addresses this check returned, never
to a fresh lookup of the name. Private, loopback, link-local, multicast, reserved and unspecified addresses are
refused unless they lie in a network of WEBHOOK_ALLOWED_PRIVATE_TARGETS; plain http only while loopback is.
"""

import ipaddress
import socket
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
LOOPBACK = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))


class Refused(ValueError):
    """The URL may not be a webhook target; the message says why, for the person who gave it."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # with the query string
    addresses: tuple[str, ...]  # checked, in the resolver's order: the only ones an attempt connects to


def checked(url: str) -> Target:
    """The target `url` names, resolved and checked; Refused says what is wrong with it."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in allowed_schemes():
        raise Refused(_("Use an https:// address."))
    if parts.username or parts.password:
        raise Refused(_("Leave the user name and password out of the address."))
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise Refused(_("The port of this address is not valid.")) from None
    host = parts.hostname
    if not host:
        raise Refused(_("Give a full address, with a host name."))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme=scheme, host=host, port=port, path=path, addresses=_public_addresses(host, port))


def allowed_schemes() -> tuple[str, ...]:
    return ("https", "http") if any(_allowed(address) for address in LOOPBACK) else ("https",)


def _public_addresses(host: str, port: int) -> tuple[str, ...]:
    """Every address `host` resolves to, if each may be targeted: one forbidden address refuses them all, as a
    connection may go to any of them."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise Refused(_("We could not find this host.")) from None
    addresses = tuple(dict.fromkeys(str(info[4][0]) for info in found))
    for address in addresses:
        if not _may_target(ipaddress.ip_address(address.split("%")[0])):
            raise Refused(_("This address leads to a private or reserved network, which webhooks may not reach."))
    return addresses


def _may_target(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:  # ::ffff:10.0.0.1 is 10.0.0.1
        address = address.ipv4_mapped
    return _allowed(address) or not _forbidden(address)


def _forbidden(address: Address) -> bool:
    return (
        not address.is_global
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _allowed(address: Address) -> bool:
    return any(address in network for network in _allowed_networks(tuple(settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS)))


@cache
def _allowed_networks(names: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(name, strict=False) for name in names)
