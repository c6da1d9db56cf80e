"""Tax identification numbers checked with python-stdnum where it knows the country's format; elsewhere a number
is only required to be there, since a wrong rule would lock out a seller with a good number."""

from typing import Any

from stdnum.exceptions import ValidationError
from stdnum.util import get_cc_module

# The numbers a tax office issues to people, per country (any one passes); the country's VAT module is tried too,
# because entities and the self-employed are often identified by it.
PERSONAL = {
    "at": ["tin"],
    "be": ["nn"],
    "bg": ["egn"],
    "cz": ["rc"],
    "de": ["idnr", "stnr"],
    "dk": ["cpr"],
    "ee": ["ik"],
    "es": ["nif"],
    "fi": ["hetu"],
    "fr": ["nif"],
    "gb": ["utr"],
    "hr": ["oib"],
    "ie": ["pps"],
    "it": ["codicefiscale"],
    "lt": ["asmens"],
    "nl": ["bsn"],
    "pl": ["pesel", "nip"],
    "pt": ["nif"],
    "ro": ["cnp"],
    "se": ["personnummer"],
    "sk": ["rc"],
    "us": ["tin"],
}


def _modules(country: str) -> list[Any]:
    names = [*PERSONAL.get(country.lower(), []), "vat"] if country.lower() in PERSONAL else []
    found = (get_cc_module(country, name) for name in names)
    return [module for module in found if module is not None]


def tin_checkable(country: str) -> bool:
    return bool(_modules(country))


def tin_clean(number: str, country: str) -> str | None:
    """The number in its compact form when it is valid for `country` (or the country has no known format);
    None when it is not."""
    text = number.strip()
    modules = _modules(country)
    if not modules:
        return text or None
    for module in modules:
        try:
            return str(module.validate(text))
        except ValidationError:
            continue
    return None
