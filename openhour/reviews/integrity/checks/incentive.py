"""Incentives and threats: wording in the pair's messages that buys a rating ("5 stars and I'll refund
you", "a discount for a good review") or forces one ("change your review or …", "I will leave you a bad
review unless …"), from LEAD_DAYS before the contract started until now.

The sender is part of the evidence: a bribe from the person reviewed, an ultimatum from the author, or
pressure on the author after the fact all put this review in doubt, and an operator reads which it was.
"""

import re
from datetime import timedelta

from openhour.contracts.models import Contract
from openhour.messaging.models import Message
from openhour.reviews.integrity.checks import Finding
from openhour.reviews.models import Review

LEAD_DAYS = 30
SCORES = {"offer": 0.7, "threat": 0.8}
PHRASE = 200

_ = r"[^.!?\n]{0,40}?"  # the rest of one sentence, briefly
GOOD = r"(?:good|great|positive|glowing|nice|top|perfect|5|five)[\s-]*(?:star|★)?s?"
BAD = r"(?:bad|negative|poor|terrible|awful|1|one)[\s-]*(?:star|★)?s?"
REVIEW = r"(?:review|rating|feedback)"
FIVE_STARS = r"\b(?:5|five)[\s-]*(?:stars?|★)"
WILL = r"\b(?:i|we)(?:'ll|’ll| will| am going to| are going to| shall)\b"
OFFER = r"(?:refund|pay|discount|bonus|voucher|gift|tip|money back|cash ?back|free)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("offer", re.compile(rf"{FIVE_STARS}\s*(?:{REVIEW}\s*)?,?\s*(?:and|&|then)\b{_}{WILL}{_}\b{OFFER}", re.I)),
    (
        "offer",
        re.compile(
            rf"\b{OFFER}\w*\b{_}\b(?:for|in exchange for|in return for)\s+(?:an?\s+|the\s+|your\s+)?"
            rf"{GOOD}\s*{REVIEW}",
            re.I,
        ),
    ),
    ("offer", re.compile(rf"\bif you\s+(?:leave|give|write|post)\b{_}{GOOD}\s*{REVIEW}{_}\b{OFFER}", re.I)),
    (
        "threat",
        re.compile(
            rf"\b(?:change|remove|delete|edit|take down|withdraw|update)\s+(?:your|the|that|this)\s+"
            rf"(?:\S+\s+)?{REVIEW}s?\s*[,;:—-]?\s*(?:or|otherwise|unless)\b",
            re.I,
        ),
    ),
    (
        "threat",
        re.compile(
            rf"{WILL}{_}\b(?:report you|(?:leave|give|write|post)(?: you)?\s+(?:an?\s+)?{BAD}\s*"
            rf"{REVIEW}){_}\b(?:unless|if you don'?t|if you do not|until)\b",
            re.I,
        ),
    ),
    ("threat", re.compile(rf"\bunless you\b{_}\b(?:leave|give|write|post)?{_}(?:an?\s+)?{BAD}\s*{REVIEW}", re.I)),
]


def matches(text: str) -> list[tuple[str, str]]:
    """(kind, phrase) of each incentive or threat found in a message."""
    found = []
    for kind, pattern in PATTERNS:
        hit = pattern.search(text)
        if hit:
            found.append((kind, hit.group(0)[:PHRASE]))
    return found


def check(review: Review) -> Finding | None:
    started = Contract.objects.filter(pk=review.contract_id).values_list("created_at", flat=True).first()
    if started is None:
        return None
    low, high = sorted((review.author_id, review.subject_id))
    messages = Message.objects.filter(
        conversation__first_id=low, conversation__second_id=high, created_at__gte=started - timedelta(days=LEAD_DAYS)
    ).values_list("pk", "sender_id", "text")
    found: list[dict[str, object]] = []
    for pk, sender_id, text in messages.order_by("created_at", "pk"):
        for kind, phrase in matches(text):
            sent_by = "author" if sender_id == review.author_id else "subject"
            found.append({"message": pk, "sent_by": sent_by, "kind": kind, "phrase": phrase})
    if not found:
        return None
    remaining = 1.0
    for kind in {str(item["kind"]) for item in found}:
        remaining *= 1 - SCORES[kind]
    return round(1 - remaining, 4), {"messages": found}
