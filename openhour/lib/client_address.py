"""The one client address every limit, access record and piece of evidence uses.

`TRUSTED_PROXIES` names the reverse proxies in front of the site: a count ("1": one proxy, whatever its
address) or their addresses and networks ("127.0.0.1,10.0.0.0/8"). X-Forwarded-For is read only when the
peer itself is one of them, walking from the right past the trusted hops; a header sent by anyone else is
ignored, so a client cannot invent a fresh address per request.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = str(ipaddress.IPv4Address(0))  # no peer address at all (never under a real server): one shared bucket
IPV6_BUCKET_PREFIX = 64  # one household or server gets a /64: counting single IPv6 addresses counts nothing


@lru_cache(maxsize=8)
def trusted_proxies(raw: tuple[str, ...]) -> int | tuple[Network, ...]:
    """The setting, parsed: a proxy count, or the trusted networks (empty: trust nobody)."""
    if len(raw) == 1 and raw[0].isdigit():
        return int(raw[0])
    try:
        return tuple(ipaddress.ip_network(item, strict=False) for item in raw)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES must be a count or addresses/CIDRs, not {raw!r}") from None


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in networks)


def _forwarded_chain(request: HttpRequest) -> list[str]:
    return [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]


def client_ip(request: HttpRequest) -> str:
    """The address of the person at the other end, as far as trusted proxies vouch for it."""
    peer = _address(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    trusted = trusted_proxies(tuple(settings.TRUSTED_PROXIES))
    if isinstance(trusted, int):
        return _by_count(peer, _forwarded_chain(request), trusted)
    if not trusted or not _is_trusted(peer, trusted):
        return peer
    return _by_networks(peer, _forwarded_chain(request), trusted)


def _by_count(peer: str, chain: list[str], count: int) -> str:
    # Each of the `count` proxies appended the address it saw; anything further left came from the client.
    hops = [*chain, peer]
    if count <= 0 or len(hops) <= count:
        return peer if count <= 0 else (_address(hops[0]) or peer)
    return _address(hops[-(count + 1)]) or _address(hops[-count]) or peer


def _by_networks(peer: str, chain: list[str], trusted: tuple[Network, ...]) -> str:
    last_trusted = peer
    for hop in reversed(chain):
        address = _address(hop)
        if address is None:  # garbage a client wrote: the hop before it is as far as we can vouch
            return last_trusted
        if not _is_trusted(address, trusted):
            return address
        last_trusted = address
    return last_trusted


def address_bucket(address: str) -> str:
    """What limits count per: the address itself for IPv4, its /64 network for IPv6."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and not ip.ipv4_mapped:
        return str(ipaddress.ip_network(f"{ip}/{IPV6_BUCKET_PREFIX}", strict=False).network_address)
    return str(ip.ipv4_mapped or ip) if isinstance(ip, ipaddress.IPv6Address) else str(ip)
