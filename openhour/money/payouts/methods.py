"""Payout methods: where a person's money goes. Details are validated and normalised per kind; a new
method is on hold for PAYOUT_HOLD_DAYS, so a stolen session cannot send money away at once."""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from schwifty import BIC, IBAN
from schwifty.exceptions import InvalidChecksumDigits, SchwiftyException

from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.lib.errors import Conflict, InvalidInput, NotFound
from openhour.lib.ids import pk_or_404
from openhour.money.models import PayoutMethod

Kind = PayoutMethod.Kind
Details = dict[str, str]
Errors = dict[str, list[str]]

MAX_ACTIVE_METHODS = 10  # enough for anyone; a cap keeps a compromised account from piling them up
LIMITS = {"account_holder": 70, "bank_name": 100, "bank_address": 200, "email": 254, "account_number": 34}
FIELDS: dict[str, tuple[set[str], ...]] = {
    Kind.BANK_TRANSFER: ({"account_holder", "iban", "bic"}, {"account_holder", "sort_code", "account_number"}),
    Kind.PAYPAL: ({"email"},),
    Kind.WIRE: ({"account_holder", "swift", "account_number", "bank_name", "bank_address", "country"},),
}
DOT = "•"


def _compact(value: str) -> str:
    return re.sub(r"[\s-]", "", value).upper()


def _text(details: Details, name: str, errors: Errors) -> str:
    value = " ".join(str(details.get(name, "")).split())
    if not value:
        errors.setdefault(f"details.{name}", []).append(_("This field is required."))
    elif len(value) > LIMITS.get(name, 100):
        errors.setdefault(f"details.{name}", []).append(
            _("At most %(count)s characters.") % {"count": LIMITS.get(name, 100)}
        )
    return value


def _bic(raw: str, name: str, errors: Errors) -> BIC | None:
    if not raw:
        return None
    try:
        return BIC(_compact(raw))
    except SchwiftyException:
        errors.setdefault(f"details.{name}", []).append(_("That is not a valid BIC (SWIFT code)."))
        return None


def _iban_account(details: Details, errors: Errors) -> Details:
    holder = _text(details, "account_holder", errors)
    raw_iban, raw_bic = str(details.get("iban", "")), str(details.get("bic", ""))
    iban = None
    try:
        iban = IBAN(_compact(raw_iban))
    except InvalidChecksumDigits:
        errors["details.iban"] = [_("That IBAN's check digits are wrong: look for a typing mistake.")]
    except SchwiftyException:
        errors["details.iban"] = [_("That is not a valid IBAN.")]
    if not raw_bic.strip():
        errors["details.bic"] = [_("This field is required.")]
    bic = _bic(raw_bic, "bic", errors)
    if iban is not None and bic is not None and bic.country_code != iban.country_code:
        errors["details.bic"] = [
            _("This BIC is for a bank in %(bic)s, but the IBAN is from %(iban)s.")
            % {"bic": bic.country_code, "iban": iban.country_code}
        ]
    if iban is None or bic is None:
        return {}
    return {"account_holder": holder, "iban": iban.compact, "bic": bic.compact}


def _uk_account(details: Details, errors: Errors) -> Details:
    holder = _text(details, "account_holder", errors)
    sort_code = _compact(str(details.get("sort_code", "")))
    number = _compact(str(details.get("account_number", "")))
    if not re.fullmatch(r"\d{6}", sort_code):
        errors["details.sort_code"] = [_("A sort code is six digits, like 12-34-56.")]
    if not re.fullmatch(r"\d{8}", number):
        errors["details.account_number"] = [_("A UK account number is eight digits.")]
    return {"account_holder": holder, "sort_code": sort_code, "account_number": number}


def _bank_transfer(details: Details, errors: Errors) -> Details:
    if details.get("sort_code") and not details.get("iban"):
        return _uk_account(details, errors)
    return _iban_account(details, errors)


def _paypal(details: Details, errors: Errors) -> Details:
    email = _text(details, "email", errors).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["details.email"] = [_("Enter the e-mail address of your PayPal account.")]
    return {"email": email}


def _wire(details: Details, errors: Errors) -> Details:
    clean = {name: _text(details, name, errors) for name in ("account_holder", "bank_name", "bank_address")}
    number = _compact(str(details.get("account_number", "")))
    if not re.fullmatch(r"[A-Z0-9]{4,34}", number):
        errors["details.account_number"] = [_("Give the account number: 4 to 34 letters and digits.")]
    country = _compact(str(details.get("country", "")))
    if not re.fullmatch(r"[A-Z]{2}", country):
        errors["details.country"] = [_("Give the bank's country as a two-letter code, like US.")]
    if not str(details.get("swift", "")).strip():
        errors["details.swift"] = [_("This field is required.")]
    swift = _bic(str(details.get("swift", "")), "swift", errors)
    if swift is not None and country and "details.country" not in errors and swift.country_code != country:
        errors["details.swift"] = [_("This SWIFT code is for a bank in %(code)s.") % {"code": swift.country_code}]
    return {**clean, "swift": swift.compact if swift else "", "account_number": number, "country": country}


VALIDATORS: dict[str, Callable[[Details, Errors], Details]] = {
    Kind.BANK_TRANSFER: _bank_transfer,
    Kind.PAYPAL: _paypal,
    Kind.WIRE: _wire,
}


def clean_details(*, kind: str, details: Any) -> Details:
    """The details normalised (upper case, no spaces), or InvalidInput with errors keyed `details.<field>`."""
    if kind not in VALIDATORS:
        raise InvalidInput(_("Choose bank transfer, PayPal or international wire."), fields={"kind": [_("Unknown.")]})
    if not isinstance(details, dict) or not all(isinstance(v, str) and "\x00" not in v for v in details.values()):
        raise InvalidInput(_("Details are a set of text fields."), fields={"details": [_("Invalid details.")]})
    known = set().union(*FIELDS[kind])
    unknown = sorted(set(details) - known)
    errors: Errors = {f"details.{name}": [_("Not a field of this kind of method.")] for name in unknown}
    clean = VALIDATORS[kind](details, errors)
    if errors:
        raise InvalidInput(_("Please correct the account details."), fields=errors)
    return clean


def payout_method_add(*, owner: User, kind: str, details: Any) -> PayoutMethod:
    require_verified_email(owner)
    clean = clean_details(kind=kind, details=details)
    if active_methods(owner=owner).count() >= MAX_ACTIVE_METHODS:  # a soft cap: a race may pass it by one
        raise Conflict(_("Remove a payout method before adding another."))
    usable_from = timezone.now() + timedelta(days=settings.PAYOUT_HOLD_DAYS)
    return PayoutMethod.objects.create(owner=owner, kind=kind, details=clean, usable_from=usable_from)


def payout_method_remove(*, owner: User, method_id: int | str) -> PayoutMethod:
    """Soft: payouts already made to it keep pointing at it. Someone else's method answers 404."""
    with transaction.atomic():
        method = (
            active_methods(owner=owner)
            .select_for_update()
            .filter(pk=pk_or_404(method_id, _("No such method.")))
            .first()
        )
        if method is None:
            raise NotFound(_("No such payout method."))
        if method.payouts.filter(status__in=["requested", "held", "sent"]).exists():
            raise Conflict(
                _("A withdrawal to this method is under way: cancel it while it is held, or wait until it is paid."),
                code="payout_method_in_use",
            )
        method.removed_at = timezone.now()
        method.save(update_fields=["removed_at"])
    return method


# ---- reads -----------------------------------------------------------------------------------------


def active_methods(*, owner: User) -> QuerySet[PayoutMethod]:
    return PayoutMethod.objects.filter(owner=owner, removed_at__isnull=True)


def method_for(*, owner: User, method_id: object) -> PayoutMethod:
    """One of the owner's active methods; anything else (someone else's, removed, nonsense) is 404."""
    found = active_methods(owner=owner).filter(pk=pk_or_404(method_id, _("No such payout method."))).first()
    if found is None:
        raise NotFound(_("No such payout method."))
    return found


def _last4(value: str) -> str:
    return f"{DOT * 4} {value[-4:]}"


def display(method: PayoutMethod) -> str:
    """What the owner recognises the method by, without showing the whole account: "IBAN •••• 3000"."""
    d = method.details
    if method.kind == Kind.PAYPAL:
        local, _at, domain = d.get("email", "").partition("@")
        return f"PayPal {local[:1]}{DOT * 3}@{domain}"
    if method.kind == Kind.WIRE:
        account = _last4(d.get("account_number", ""))
        return _("Wire to %(bank)s, account %(account)s") % {"bank": d.get("swift", ""), "account": account}
    if "iban" in d:
        return f"IBAN {_last4(d['iban'])}"
    code = d.get("sort_code", "")
    return _("Sort code %(code)s, account %(account)s") % {
        "code": f"{code[:2]}-{code[2:4]}-{code[4:]}",
        "account": _last4(d.get("account_number", "")),
    }


def is_sepa_account(method: PayoutMethod) -> bool:
    """A bank account a SEPA credit transfer can reach (an IBAN); sort-code accounts are paid by hand."""
    return method.kind == Kind.BANK_TRANSFER and "iban" in method.details


def method_out(method: PayoutMethod) -> dict[str, Any]:
    return {
        "id": str(method.pk),
        "kind": method.kind,
        "display": display(method),
        "account_holder": method.details.get("account_holder", ""),
        "usable_from": method.usable_from,
        "created_at": method.created_at,
    }
