"""The sections of a person's archive. Each module names its `KEY` in data.json, the `MODELS` ("app_label.Model")
whose rows about the person it covers, a `section(user)` returning plain data (JSON with Django's encoder), and
optionally `files(user)` returning the `ArchiveFile`s the person sent.

To add the data of a new app, write such a module (in that app, e.g. `openhour/<app>/privacy.py`) and add its
dotted path below: one line. tests/test_coverage.py fails until every model pointing at the user is covered."""

from importlib import import_module
from types import ModuleType

SECTIONS = [
    "openhour.accounts.privacy.sections.account",
    "openhour.accounts.privacy.sections.security",
    "openhour.accounts.privacy.sections.work",
    "openhour.accounts.privacy.sections.contracts",
    "openhour.accounts.privacy.sections.money",
    "openhour.accounts.privacy.sections.messages",
    "openhour.accounts.privacy.sections.reviews",
    "openhour.accounts.privacy.sections.tools",
    "openhour.accounts.privacy.sections.activity",
    "openhour.accounts.identity.privacy",
    "openhour.accounts.legal.privacy",
    "openhour.money.vat.privacy",
    "openhour.money.reporting.privacy",
]

# Models that point at a user but hold nothing about them to hand over, each with why. A model is listed here
# or covered by a section; the coverage test fails for any other.
NOT_PERSONAL = {
    "admin.LogEntry": "an operator's work in the administration: the site's audit trail, not data about them",
    "money.PayoutBatch": "an operator's batch of bank payouts; each payout is in its owner's archive",
    "money.IdempotentRequest": "stored answers to retried requests, copies of data the money section holds",
    "closing.Closing": "written as the account closes, after which no archive can be asked for",
    "legal.LegalVersion": "an operator's publication of a legal text; what the person accepted is archived",
    "webhooks.Event": "copies of steps (contracts, payments, reviews) as sent to webhooks; the steps are archived",
}


def modules() -> list[ModuleType]:
    return [import_module(path) for path in SECTIONS]


def covered_models() -> set[str]:
    return {label for module in modules() for label in module.MODELS}
