"""Conflict of interest: the reviewer and the person reviewed share a sign-up or sign-in IP or browser
(AccessRecord), a payment card (Payment.card_fingerprint), a payout account (PayoutMethod.details: IBAN,
account number or PayPal e-mail), or a private company e-mail domain.

A shared device, card or payout account is near proof of one person behind both accounts (the decision holds
the review); an IP or a company domain is shared by households, offices and colleagues, so it only queues it.
Loopback, private-network and carrier-NAT addresses say nothing (a proxy or a whole ISP shares them), and
neither do the sandbox gateway's published test cards, which every tester on a sandbox site pays with.
"""

import ipaddress
from collections import defaultdict

from openhour.money.gateways.sandbox import TEST_CARDS
from openhour.money.models import Payment, PayoutMethod
from openhour.money.services.payments import card_fingerprint
from openhour.reviews.integrity.checks import Evidence, Finding, masked
from openhour.reviews.integrity.models import AccessRecord
from openhour.reviews.models import Review

WEIGHTS = {"device": 0.95, "card": 0.95, "payout": 0.95, "ip": 0.6, "email_domain": 0.6}
PROOF = frozenset({"device", "card", "payout"})  # one person behind both accounts: hold
PUBLIC_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "proton.me",
        "protonmail.com",
        "web.de",
        "mail.com",
        "example.com",
        "example.org",
        "example.net",
    }
)
PUBLIC_PREFIXES = ("gmx.",)  # gmx.de, gmx.net, gmx.at …
RESERVED_SUFFIXES = (".test", ".example", ".invalid", ".localhost")  # demo and test domains (RFC 2606)
SHARED_NETWORKS = [
    ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
]


def is_public_domain(domain: str) -> bool:
    """A webmail or test domain anyone can have an address at: sharing it says nothing."""
    domain = domain.lower().strip(".")
    return (
        not domain
        or domain in PUBLIC_DOMAINS
        or domain.startswith(PUBLIC_PREFIXES)
        or domain.endswith(RESERVED_SUFFIXES)
        or domain == "localhost"
    )


def is_telling_ip(value: str | None) -> bool:
    """An address that points at one household or office rather than at a proxy, a LAN or a whole ISP."""
    try:
        address = ipaddress.ip_address(value or "")
    except ValueError:
        return False
    if address.is_loopback or address.is_link_local or address.is_unspecified or address.is_multicast:
        return False
    return not any(address.version == net.version and address in net for net in SHARED_NETWORKS)


def _test_card_fingerprints() -> frozenset[str]:
    return frozenset(card_fingerprint(token) for token in TEST_CARDS)


def payout_keys(details: object) -> set[str]:
    """What identifies the account money goes to, normalised: IBAN, bank + account number, or e-mail."""
    if not isinstance(details, dict):
        return set()

    def compact(name: str) -> str:
        return "".join(str(details.get(name, "")).split()).replace("-", "").upper()

    keys = set()
    if compact("iban"):
        keys.add("iban:" + compact("iban"))
    if compact("account_number"):
        keys.add(f"account:{compact('sort_code') or compact('swift')[:8]}:{compact('account_number')}")
    if compact("email"):
        keys.add("email:" + str(details["email"]).strip().lower())
    return keys


def _mask_payout(key: str) -> str:
    kind, _sep, value = key.partition(":")
    return f"{kind}:…@{value.rpartition('@')[2]}" if kind == "email" else f"{kind}:{masked(value)}"


def _shared(values: dict[int, set[str]], first: int, second: int) -> set[str]:
    return values[first] & values[second]


def check(review: Review) -> Finding | None:
    author, subject = review.author_id, review.subject_id
    pair = (author, subject)
    found: list[Evidence] = []

    ips: dict[int, set[str]] = defaultdict(set)
    devices: dict[int, set[str]] = defaultdict(set)
    for user_id, ip, device in AccessRecord.objects.filter(user_id__in=pair).values_list("user_id", "ip", "device"):
        if ip and is_telling_ip(ip):
            ips[user_id].add(ip)
        if device:
            devices[user_id].add(device)
    found += [{"kind": "ip", "value": masked(ip)} for ip in sorted(_shared(ips, *pair))]
    found += [{"kind": "device", "value": masked(device)} for device in sorted(_shared(devices, *pair))]

    cards: dict[int, set[str]] = defaultdict(set)
    payments = Payment.objects.filter(payer_id__in=pair).exclude(card_fingerprint="")
    test_cards = _test_card_fingerprints()  # follows SECRET_KEY, so computed each time (three hashes)
    for payer_id, fingerprint in payments.values_list("payer_id", "card_fingerprint").order_by().distinct():
        if fingerprint not in test_cards:
            cards[payer_id].add(fingerprint)
    found += [{"kind": "card", "value": masked(card)} for card in sorted(_shared(cards, *pair))]

    payouts: dict[int, set[str]] = defaultdict(set)
    for owner_id, details in PayoutMethod.objects.filter(owner_id__in=pair).values_list("owner_id", "details"):
        payouts[owner_id] |= payout_keys(details)
    found += [{"kind": "payout", "value": _mask_payout(key)} for key in sorted(_shared(payouts, *pair))]

    domains = [email.rpartition("@")[2].lower() for email in (review.author.email, review.subject.email)]
    if domains[0] == domains[1] and not is_public_domain(domains[0]):
        found.append({"kind": "email_domain", "value": domains[0]})  # a company's domain is not personal

    if not found:
        return None
    remaining = 1.0
    for kind in {item["kind"] for item in found}:
        remaining *= 1 - WEIGHTS[kind]
    kinds = sorted({item["kind"] for item in found})
    return round(1 - remaining, 4), {"author": author, "subject": subject, "shared": found, "kinds": kinds}
