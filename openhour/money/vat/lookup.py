"""Confirming a VAT number with a registry, chosen by VAT_NUMBER_LOOKUP: `none` (the format check is all) or
`vies`, the EU's VIES REST service (`POST <VIES_API_BASE>/check-vat-number`). VIES covers EU numbers and XI
(Northern Ireland), not GB. When VIES cannot answer, the number is kept as format-checked and unconfirmed: a
registry being down never stops anyone saving their details."""

import logging

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from openhour.money.vat.models import BillingDetails
from openhour.money.vat.numbers import EU_COUNTRIES, PREFIXES, VatNumberInvalid

log = logging.getLogger(__name__)
VIES_PREFIXES = frozenset(PREFIXES.get(code, (code,))[0] for code in EU_COUNTRIES) | {"XI"}
Check = BillingDetails.Check


def vat_number_lookup(number: str) -> str:
    """How far `number` (compact, prefixed, format-valid) is confirmed: FORMAT when no registry is asked,
    CONFIRMED, or UNCONFIRMED when the registry could not answer. Raises VatNumberInvalid when it says no."""
    if settings.VAT_NUMBER_LOOKUP != "vies" or number[:2] not in VIES_PREFIXES:
        return Check.FORMAT
    registered = vies_check(number)
    if registered is None:
        return Check.UNCONFIRMED
    if not registered:
        raise VatNumberInvalid(
            _("The EU's VIES service says this VAT number is not registered. Check it, or leave the field empty.")
        )
    return Check.CONFIRMED


def vies_check(number: str) -> bool | None:
    """VIES's answer for `number`: registered or not, or None when it gave no answer (down, busy, garbled)."""
    url = settings.VIES_API_BASE.rstrip("/") + "/check-vat-number"
    body = {"countryCode": number[:2], "vatNumber": number[2:]}
    try:
        answer = requests.post(url, json=body, timeout=settings.VIES_TIMEOUT_SECONDS)
        found = answer.json() if answer.status_code == 200 else {}
    except (requests.RequestException, ValueError) as error:
        log.warning("VIES could not be reached for %s: %s", number[:2], error)
        return None
    valid = _verdict(found)
    if valid is None:
        log.warning("VIES gave no answer for %s (%s)", number[:2], answer.status_code)
    return valid


def _verdict(found: object) -> bool | None:
    """`valid` (or `isValid`), unless the answer is an error: `{"actionSucceed": false, "errorWrappers": [...]}`,
    or a `userError` such as MS_UNAVAILABLE or IP_BLOCKED, which comes with `isValid: false` but means no answer."""
    if not isinstance(found, dict) or found.get("actionSucceed") is False:
        return None
    if found.get("userError") not in (None, "", "VALID", "INVALID"):
        return None
    valid = found.get("valid", found.get("isValid"))
    return valid if isinstance(valid, bool) else None
