"""Keeping work on the platform: before two people have a contract, contact details in their messages are
replaced with "[hidden]". Ordinary website links, amounts and dates pass untouched."""

import re

from django.conf import settings
from django.db.models import Q

from openhour.accounts.models import User
from openhour.contracts.models import Contract

HIDDEN = "[hidden]"
APPS = r"(?:whats\s?app|telegram|skype|signal|viber|wechat|discord|kik|line\s?id)"
# Links that open a chat in a messaging app, with or without the scheme.
APP_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:wa\.me|t\.me|telegram\.me|telegram\.dog|chat\.whatsapp\.com|api\.whatsapp\.com"
    r"|signal\.me|signal\.group|join\.skype\.com|viber\.me|discord\.gg)(?:/[^\s<>\"']*)?"
    r"|\b(?:skype|whatsapp|tg|viber|sgnl):[^\s<>\"']+",
    re.IGNORECASE,
)
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
EMAIL = re.compile(
    r"[\w.%+-]+(?:@|\s*[\[(]\s*at\s*[\])]\s*)[\w-]+(?:(?:\.|\s*[\[(]\s*dot\s*[\])]\s*)[\w-]+)*"
    r"(?:\.|\s*[\[(]\s*dot\s*[\])]\s*)[a-z]{2,}\b",
    re.IGNORECASE,
)
# "fred at gmail dot com": spelled out, with at least one spelled "dot" (plain "look at example.com" is a link).
SPELLED_EMAIL = re.compile(r"\b[\w.+-]+\s+at\s+[\w-]+(?:(?:\s+dot\s+|\.)[\w-]+)*\s+dot\s+[a-z]{2,}\b", re.IGNORECASE)
# "my telegram is @fred_dev", "Skype: live:fred.smith", "WhatsApp me on fred99"
HANDLE_AFTER_APP = re.compile(rf"(\b{APPS}\b[^\n@]{{0,30}}?)@[\w.]{{2,}}", re.IGNORECASE)
ID_AFTER_APP = re.compile(rf"(\b{APPS}\b\s*(?:id|name|handle|username)?\s*[:=]\s*)[\w.:\-]{{3,}}", re.IGNORECASE)
# Seven or more digits, with spaces, dashes, dots, slashes or brackets between them, perhaps after + or 00.
PHONE = re.compile(r"(?<![\w/@])(?:\+|\b00)?\s?\(?\d(?:[ \t.\-()/]{0,3}\d){6,}\)?(?![\w])")
# "order 12345678", "invoice #2026001", "ref: 9988776": numbers that name a thing on the platform or a bill.
REFERENCE_BEFORE = re.compile(
    r"(?:#|\b(?:order|invoice|ref|reference|ticket|issue|item|sku|po|tracking|build|version|case)\b\.?"
    r"(?:\s*(?:no\.?|number|id))?)\s*[:#]?\s*$",
    re.IGNORECASE,
)
LONGEST_PHONE = 15  # digits in the longest international number (E.164)
DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
DECIMAL = re.compile(r"\d+[.,]\d{1,2}")
MONEY_NEARBY = re.compile(r"[£$€¥₹]|\b(?:gbp|usd|eur|aud|cad|chf|jpy|inr|pln|sek|nok|dkk|nzd)\b", re.IGNORECASE)
PLACEHOLDER = "\ue000%d\ue001"  # private-use characters: stand-ins for the links kept while the rest is masked


def mask_contacts(text: str) -> tuple[str, bool]:
    """The text with contact details hidden, and whether anything was hidden."""
    kept: list[str] = []

    def keep_link(found: re.Match[str]) -> str:
        kept.append(found.group(0))
        return PLACEHOLDER % (len(kept) - 1)

    out = APP_LINK.sub(HIDDEN, text)
    out = URL.sub(keep_link, out)
    out = EMAIL.sub(HIDDEN, out)
    out = SPELLED_EMAIL.sub(HIDDEN, out)
    out = HANDLE_AFTER_APP.sub(lambda m: m.group(1) + HIDDEN, out)
    out = ID_AFTER_APP.sub(lambda m: m.group(1) + HIDDEN, out)
    out = PHONE.sub(lambda m: _phone_or_not(m, out), out)
    for index, link in enumerate(kept):
        out = out.replace(PLACEHOLDER % index, link)
    return out, out != text


def _phone_or_not(found: re.Match[str], text: str) -> str:
    """A long run of digits is a phone number, unless it is a date, an amount of money, a reference (order,
    invoice, ticket) or longer than any phone number."""
    number = found.group(0).strip()
    if DATE.fullmatch(number) or DECIMAL.fullmatch(number) or sum(c.isdigit() for c in number) > LONGEST_PHONE:
        return found.group(0)
    before, after = text[max(0, found.start() - 4) : found.start()], text[found.end() : found.end() + 4]
    if MONEY_NEARBY.search(before) or MONEY_NEARBY.match(after.strip()):
        return found.group(0)
    if REFERENCE_BEFORE.search(text[max(0, found.start() - 24) : found.start()]):
        return found.group(0)
    lead = found.group(0)[: len(found.group(0)) - len(found.group(0).lstrip())]
    return lead + HIDDEN


def have_contract(a: User, b: User) -> bool:
    """Whether the two have worked together: a contract between them that started (active or ended)."""
    pair = Q(client=a, freelancer=b) | Q(client=b, freelancer=a)
    return Contract.objects.filter(pair, status__in=[Contract.Status.ACTIVE, Contract.Status.ENDED]).exists()


def masked_for(text: str, *, sender: User, recipient: User) -> tuple[str, bool]:
    """What is stored of a message: contact details hidden while masking is on and there is no contract yet."""
    if not settings.MESSAGE_MASKING or have_contract(sender, recipient):
        return text, False
    return mask_contacts(text)
