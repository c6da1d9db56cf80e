"""VAT numbers: their format checked with python-stdnum, and their country matched to the billing country.

Stored compact with the prefix VAT authorities use: the ISO code, except EL for Greece and XI for Northern Ireland
(a GB billing country takes either GB or XI). A number typed without its prefix gets the billing country's.
Countries outside the EU and the UK are checked with python-stdnum's module for them, where it has one."""

import re
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from stdnum import get_cc_module
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.gb import vat as gb_vat

if TYPE_CHECKING:  # python-stdnum names the interface of its modules for type checkers only
    from stdnum.util import NumberValidationModule

EU_COUNTRIES = frozenset(code.upper() for code in eu_vat.MEMBER_STATES if code != "xi")  # ISO codes (GR, not EL)
PREFIXES: dict[str, tuple[str, ...]] = {"GR": ("EL",), "GB": ("GB", "XI")}  # where the prefix is not the ISO code
SEPARATORS = re.compile(r"[\s.\-/]")


class VatNumberInvalid(ValueError):
    """The number cannot be a VAT number of the billing country; the message says why, for the person."""


def prefixes_of(country: str) -> tuple[str, ...]:
    return PREFIXES.get(country, (country,))


def country_of_prefix(prefix: str) -> str:
    """The ISO country a prefix belongs to: EL is Greece, XI the United Kingdom (Northern Ireland)."""
    return {"EL": "GR", "XI": "GB"}.get(prefix, prefix)


def is_eu(country: str) -> bool:
    return country in EU_COUNTRIES


def vat_number_clean(number: str, country: str) -> str:
    """`number` in compact form with its prefix, if it is a well-formed VAT number of `country`."""
    compact = SEPARATORS.sub("", number).upper()
    if country == "GR" and compact.startswith("GR"):  # Greece's ISO code, typed for its VAT prefix
        compact = "EL" + compact[2:]
    if is_eu(country) or country == "GB":
        candidate = compact if compact[:2] in prefixes_of(country) else prefixes_of(country)[0] + compact
        if _valid_eu_or_gb(candidate):
            return candidate
        other = _other_country(compact, country)
        if other:
            raise VatNumberInvalid(
                _("This VAT number belongs to another country (%(prefix)s), not to your billing country.")
                % {"prefix": other}
            )
        raise VatNumberInvalid(_("This is not a valid VAT number: check it against your VAT registration."))
    return _clean_elsewhere(compact, country)


def _valid_eu_or_gb(candidate: str) -> bool:
    try:
        if candidate.startswith("GB"):
            gb_vat.validate(candidate)
        else:
            eu_vat.validate(candidate)
    except StdnumError:
        return False
    return True


def _other_country(compact: str, country: str) -> str:
    """The prefix of a well-formed number of another country, so the person is told what is wrong."""
    prefix = compact[:2]
    return prefix if prefix not in prefixes_of(country) and _valid_eu_or_gb(compact) else ""


def _clean_elsewhere(compact: str, country: str) -> str:
    module = _module_for(country)
    if module is None:
        raise VatNumberInvalid(
            _("VAT numbers of this country cannot be checked here. Leave the field empty, or check the country.")
        )
    try:
        return str(module.validate(compact))
    except StdnumError:
        raise VatNumberInvalid(_("This is not a valid VAT number: check it against your VAT registration.")) from None


def _module_for(country: str) -> "NumberValidationModule | None":
    try:
        return get_cc_module(country.lower(), "vat")
    except (ImportError, ValueError):
        return None
