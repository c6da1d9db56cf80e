"""What the fuzzers share: the schema under test, the data it names, and what no schema can state."""

import os
import re
from collections.abc import Callable
from datetime import date
from importlib import import_module
from typing import Any

import schemathesis
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.core.wsgi import get_wsgi_application
from django.utils.text import slugify
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from openhour.api.pagination import SALT
from openhour.catalog.api.hourlies import HourlieIn

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

MEMBER, OTHER = "fuzzy", "fuzzy-partner"
# Eight examples an operation keep `make test` to minutes; FUZZ_EXAMPLES=50 looks deeper.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
# Operations whose valid input depends on a secret or on content that no schema states; every other operation
# must accept what its schema allows.
DATA_THE_SCHEMA_CANNOT_STATE = {
    "POST /api/v1/auth/signup": "the password is judged against common passwords and the person's own name",
    "POST /api/v1/auth/verify-email": "the key is a secret from the e-mail",
    "POST /api/v1/auth/tokens": "the password is a secret",
    "POST /api/v1/me/close": "the password is a secret",
    "POST /api/v1/me/photo": "the file must be an image: its bytes decide, not its part of the form",
    "POST /api/v1/me/portfolio": "the file must be an image",
    "POST /api/v1/uploads": "the file's kind is read from its bytes",
    "POST /api/v1/me/identity": "the files' kinds are read from their bytes; upload ids must name one's own uploads",
    "PUT /api/v1/me/billing": "a business needs its legal name, and a VAT number its country's format",
    "PUT /api/v1/me/tax-details": "individuals and entities need different fields, and a TIN its country's format",
    "POST /api/v1/payout-methods": "bank details carry check digits (IBAN) and must agree (a BIC's country)",
    "POST /api/v1/webhooks": "the address must resolve to public addresses when it is given",
    "POST /api/v1/contracts/{contract_id}/reviews": "the criteria to rate depend on the writer's side",
    "PUT /api/v1/contracts/{contract_id}/reviews/mine": "the criteria to rate depend on the writer's side",
    # Amounts must be in the currency of what they price (a 400 on `<field>.currency` otherwise): JSON Schema
    # cannot say that a value must equal one the market holds.
    "PATCH /api/v1/hourlies/{hourlie_id}": "prices are in the service's currency",
    "PATCH /api/v1/projects/{project_id}": "a budget stays in the project's currency",
    "POST /api/v1/contracts/{contract_id}/change-requests": "amounts are in the contract's currency",
    "POST /api/v1/payments/{payment_id}/refunds": "a refund is in the payment's currency",
    "POST /api/v1/projects/{project_id}/proposals": "prices are in the project's currency",
    "POST /api/v1/wallet/conversions": "the two currencies differ",
}
USERNAMES = {MEMBER, OTHER}
# The test database's taxonomy is the starting one the migration seeds (read here, before any database is open).
TAXONOMY = import_module("openhour.catalog.migrations.0002_seed_taxonomy").TAXONOMY
CATEGORIES = sorted(slugify(name) for name, _about in TAXONOMY)
SKILLS = sorted(slugify(skill) for skills in TAXONOMY.values() for skill in skills)


def _this_quarter() -> str:
    today = date.today()
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"


def _cursor(offset: int) -> str:
    return signing.dumps(offset, salt=SALT)  # the cursor a list of ours gives out for that offset


schemathesis.openapi.format("category", st.sampled_from(CATEGORIES))
schemathesis.openapi.format("skill", st.sampled_from(SKILLS))
schemathesis.openapi.format("username", st.sampled_from(sorted(USERNAMES)))
SANDBOX_CARD = re.compile(r"(tok_visa(_[A-Za-z0-9]{1,12})?)?")  # a card that pays, or none (the wallet pays)
schemathesis.openapi.format("card-token", st.from_regex(SANDBOX_CARD, fullmatch=True).filter(bool))
schemathesis.openapi.format("cursor", st.integers(0, 60).map(_cursor))
schemathesis.openapi.format("quarter", st.builds(_this_quarter))


def _signed_by_us(cursor: object) -> bool:
    try:
        signing.loads(str(cursor), salt=SALT)
    except signing.BadSignature:
        return False
    return True


def _url(text: object) -> bool:
    try:
        URLValidator()(str(text))
    except ValidationError:
        return False
    return True


def _in(choices: set[str] | list[str]) -> Callable[[object], bool]:
    return lambda value: isinstance(value, str) and value in choices


# A value the fuzzer made up where the market's data belongs (a boundary value of the coverage phase, a string
# from schemathesis's dictionary) names nothing the market holds: a 400 naming the field is then the right answer.
NAMES_THE_MARKET_HOLDS: dict[str, Callable[[Any], bool]] = {
    "category": _in(CATEGORIES),
    "skills": lambda values: isinstance(values, list) and all(_in(SKILLS)(value) for value in values),
    "client": _in(USERNAMES),
    "freelancer": _in(USERNAMES),
    "cursor": _signed_by_us,
    "card_token": lambda value: isinstance(value, str) and SANDBOX_CARD.fullmatch(value) is not None,
    "quarter": lambda value: value in ("", _this_quarter()),
    "deadline": lambda value: value is None or str(value) >= date.today().isoformat(),
    "website": lambda value: value in ("", None) or _url(value),
    "link": lambda value: value in ("", None) or _url(value),
    "attachments": lambda value: not value,  # the member has no uploads waiting: any id names nothing
}


def _names_made_up_data(value: object) -> bool:
    if isinstance(value, dict):
        return any(
            (name in NAMES_THE_MARKET_HOLDS and not NAMES_THE_MARKET_HOLDS[name](item)) or _names_made_up_data(item)
            for name, item in value.items()
        )
    return isinstance(value, list) and any(_names_made_up_data(item) for item in value)


def _breaks_a_rule_between_fields(body: object) -> bool:
    """Rules JSON Schema cannot state, since they tie one value to another."""
    if not isinstance(body, dict):
        return False
    return _least_above_most(body) or len(_currencies(body)) > 1 or _names_repeat(body)


def _least_above_most(body: dict[str, Any]) -> bool:
    """A budget whose top is below its bottom: a rule between two fields, which JSON Schema cannot state."""
    least, most = body.get("budget_min"), body.get("budget_max")
    if not (isinstance(least, dict) and isinstance(most, dict)):
        return False
    return _amount(most) < _amount(least)


def _names_repeat(body: dict[str, Any]) -> bool:
    """Two packages of one service with one name: each must have its own, a rule between list items."""
    packages = body.get("packages")
    if not isinstance(packages, list):
        return False  # not a list at all: the schema refuses it before any rule between items
    names = [package.get("name") for package in packages if isinstance(package, dict)]
    return len(names) != len(set(map(str, names)))


def _currencies(body: object) -> set[str]:
    """The currencies a body names: one body's amounts share one currency, a rule between fields."""
    if isinstance(body, list):
        return set().union(*(_currencies(item) for item in body))
    if not isinstance(body, dict):
        return set()
    own = {body["currency"]} if isinstance(body.get("currency"), str) else set()
    if "packages" in body and "currency" not in body:
        own = {str(HourlieIn.model_fields["currency"].default)}  # a service's currency unless it names one
    return own.union(*(_currencies(item) for item in body.values()))


def _amount(money: dict[str, Any]) -> float:
    amount = money.get("amount")
    return amount if isinstance(amount, int | float) else 0


def checks_to_skip(case: Any) -> list[Any]:
    """What a case is not held to: acceptance, where its valid input is beyond what a schema can state; and, for a
    form, refusal, since a form carries only text: a value the fuzzer types as `false` arrives as the text "false",
    which a text field rightly takes."""
    label = f"{case.operation.method.upper()} {case.operation.path}"
    made_up = _names_made_up_data(case.query or {}) or _names_made_up_data(case.body)
    skipped = [negative_data_rejection] if case.media_type == "multipart/form-data" else []
    if label in DATA_THE_SCHEMA_CANNOT_STATE or made_up or _breaks_a_rule_between_fields(case.body):
        skipped.append(positive_data_acceptance)
    return skipped
