"""Conflict of interest, in two relations.

Reviewer and reviewee: the two share a sign-up, sign-in or other recorded access's IP or browser
(AccessRecord), a payment card (Payment.card_fingerprint), a payout account (PayoutMethod.details: IBAN,
account number or PayPal e-mail), or a private company e-mail domain. A shared device, card or payout account is
near proof of one person behind both accounts (0.95; the decision holds the review); an IP or a company domain
is shared by households, offices and colleagues (0.6: it queues the review).

Reviewers of one person: the author shares a device, card or payout account with one or more other reviewers of
the same reviewee, a sockpuppet buyer group that never touches the freelancer's own evidence. That is proof too
(0.95, held). A telling IP or a private company domain shared among reviewers is weak: colleagues of one company
who hire the same freelancer are common and honest, so an IP scores INTEGRITY_CONFLICT_REVIEWERS_IP_SCORE (0.3)
and a domain INTEGRITY_CONFLICT_REVIEWERS_DOMAIN_SCORE (0.2); together 0.44, under the 0.5 that queues, so
colleagues are never held or queued on that alone, only when another check finds something too.

Loopback, private-network and carrier-NAT addresses say nothing (a proxy or a whole ISP shares them), and
neither do the sandbox gateway's published test cards, which every tester on a sandbox site pays with
(`tok_visa_<suffix>` is a card of its own, and counts). Other reviewers are found through indexed lookups of the
author's own values (device, IP, card fingerprint), so a person with many reviews costs no more than one.
"""

import ipaddress
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from openhour.accounts.models import User
from openhour.money.gateways.sandbox import TEST_CARDS
from openhour.money.models import Payment, PayoutMethod
from openhour.money.services.payments import card_fingerprint
from openhour.reviews.integrity.checks import Evidence, Finding, masked
from openhour.reviews.integrity.models import AccessRecord
from openhour.reviews.integrity.thresholds import threshold
from openhour.reviews.models import Review

WEIGHTS = {"device": 0.95, "card": 0.95, "payout": 0.95, "ip": 0.6, "email_domain": 0.6}
PROOF = frozenset({"device", "card", "payout"})  # one person behind both accounts: hold
PROOF_AMONG_REVIEWERS = 0.95  # a device, card or payout shared by two reviewers of one person
WHAT = {
    "device": "used the same browser (device cookie)",
    "card": "paid with the same card",
    "payout": "withdraw to the same payout account",
    "ip": "used the same non-shared network address",
    "email_domain": "have e-mail addresses at the same private company domain",
}
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


def reviewer_weight(kind: str) -> float:
    """What a value shared among reviewers of one person scores; the weak ones are settings."""
    if kind == "ip":
        return float(threshold("CONFLICT_REVIEWERS_IP_SCORE"))
    if kind == "email_domain":
        return float(threshold("CONFLICT_REVIEWERS_DOMAIN_SCORE"))
    return PROOF_AMONG_REVIEWERS


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

    mine = Mine(ips[author], devices[author], cards[author], payouts[author], domains[0])
    group = among_reviewers(review, mine)
    if not found and not group:
        return None
    return _finding(review, found, group)


@dataclass(frozen=True)
class Mine:
    """The author's own values, which other reviewers of the same person are looked up by (indexed)."""

    ips: set[str]
    devices: set[str]
    cards: set[str]
    payouts: set[str]
    domain: str


def _other_reviews(review: Review) -> "QuerySet[Review]":
    others = Review.objects.filter(subject_id=review.subject_id).exclude(author_id=review.author_id)
    return others.exclude(status=Review.Status.REMOVED)


def among_reviewers(review: Review, mine: Mine) -> list[Evidence]:
    """Values the author shares with other reviewers of the same person: one item per value, naming the other
    reviewers and their reviews."""
    others = _other_reviews(review)
    reviewers = others.values("author_id")
    shared: dict[tuple[str, str], set[int]] = defaultdict(set)  # (kind, masked value) -> other reviewers
    records = AccessRecord.objects.filter(user_id__in=reviewers)
    lookups = [  # (kind, the author's values, the other reviewers' rows carrying one of them)
        ("ip", mine.ips, records.filter(ip__in=mine.ips).values_list("user_id", "ip")),
        ("device", mine.devices, records.filter(device__in=mine.devices).values_list("user_id", "device")),
        ("card", mine.cards, _paid_with(mine.cards, reviewers)),
    ]
    for kind, values, rows in lookups:
        if values:  # Django would skip an empty IN list's query anyway; this says so
            for user_id, value in rows.order_by().distinct():
                shared[(kind, masked(value))].add(user_id)
    if mine.payouts:
        for user_id, details in PayoutMethod.objects.filter(owner_id__in=reviewers).values_list("owner_id", "details"):
            for key in payout_keys(details) & mine.payouts:
                shared[("payout", _mask_payout(key))].add(user_id)
    if not is_public_domain(mine.domain):
        shared[("email_domain", mine.domain)].update(_colleagues(others, mine.domain))
    return _group_items(others, shared)


def _colleagues(others: "QuerySet[Review]", domain: str) -> set[int]:
    """Recent other reviewers at the same company domain. Only the last INTEGRITY_CONFLICT_REVIEWERS_DOMAIN_WINDOW
    published reviews (and those not yet published) are looked at: every lookup is by index, never a scan of all
    people's e-mails."""
    window = threshold("CONFLICT_REVIEWERS_DOMAIN_WINDOW")
    published = others.filter(status=Review.Status.PUBLISHED).order_by("-published_at")[:window]
    pending = others.filter(status__in=(Review.Status.SEALED, Review.Status.HELD))
    people = {*published.values_list("author_id", flat=True), *pending.values_list("author_id", flat=True)}
    at_domain = User.objects.filter(pk__in=people, email__iendswith="@" + domain)
    return set(at_domain.values_list("pk", flat=True))


def _paid_with(cards: set[str], payers: "QuerySet[Any]") -> "QuerySet[Any]":
    paid = Payment.objects.filter(card_fingerprint__in=cards, payer_id__in=payers)
    return paid.values_list("payer_id", "card_fingerprint")


def _group_items(others: "QuerySet[Review]", shared: dict[tuple[str, str], set[int]]) -> list[Evidence]:
    people = set().union(*shared.values()) if shared else set()
    reviews_of: dict[int, list[int]] = defaultdict(list)
    for pk, author_id in others.filter(author_id__in=people).values_list("pk", "author_id").order_by("pk"):
        reviews_of[author_id].append(pk)
    items = []
    for (kind, value), users in sorted(shared.items()):
        reviews = sorted(pk for user in users for pk in reviews_of[user])
        if reviews:
            items.append({"kind": kind, "value": value, "reviewers": sorted(users), "reviews": reviews})
    return items


def _finding(review: Review, found: list[Evidence], group: list[Evidence]) -> Finding:
    remaining = 1.0
    for kind in {item["kind"] for item in found}:
        remaining *= 1 - WEIGHTS[kind]
    for kind in {item["kind"] for item in group}:
        remaining *= 1 - reviewer_weight(kind)
    kinds = sorted({item["kind"] for item in [*found, *group]})
    evidence: Evidence = {"author": review.author_id, "subject": review.subject_id, "shared": found, "kinds": kinds}
    if group:
        evidence |= {
            "among_reviewers": group,
            "reviews": sorted({pk for item in group for pk in item["reviews"]}),
            "why": [_explain(item) for item in group],
        }
    return round(1 - remaining, 4), evidence


def _explain(item: Evidence) -> str:
    count = len(item["reviewers"])
    others = f"{count} other reviewer{'s' if count > 1 else ''} of the same person"
    line = f"The author and {others} {WHAT[item['kind']]} ({item['value']})"
    if item["kind"] in PROOF:
        return line + ": likely one person behind several reviewing accounts, so the review is held."
    weight = reviewer_weight(item["kind"])
    return line + f": colleagues do this honestly, so it is weak evidence ({weight:g}) and never holds alone."
