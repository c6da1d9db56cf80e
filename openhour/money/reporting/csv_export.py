"""The reportable sellers of a year as CSV: one row per seller and currency, quarterly figures in minor units."""

import csv
import io

from openhour.money.reporting.dac7 import amount
from openhour.money.reporting.selectors import QUARTERS, Seller

FORMULA = ("=", "+", "-", "@", "\t", "\r")
QUARTERLY = ("gross", "fees", "net", "activities")
COLUMNS = [
    "seller_id",
    "username",
    "name",
    "year",
    "currency",
    "details_complete",
    "seller_kind",
    "legal_name",
    "tin",
    "tin_country",
    "country",
    "gross",
    "fees",
    "net",
    "activities",
    "contracts",
    *(f"{what}_q{quarter + 1}" for what in QUARTERLY for quarter in range(QUARTERS)),
]


def _row(seller: Seller, index: int) -> list[object]:
    one, details = seller.years[index], seller.details
    quarterly = {"gross": one.gross, "fees": one.fees, "net": one.net}
    return [
        seller.user.pk,
        seller.user.username,
        seller.user.name,
        one.year,
        one.currency,
        "yes" if details else "no",
        details.kind if details else "",
        details.legal_name if details else "",
        details.tin if details else "",
        str(details.tin_country) if details else "",
        str(details.country) if details else "",
        amount(one.total_gross),
        amount(one.total_fees),
        amount(one.total_net),
        one.total_activities,
        one.contracts,
        *(amount(value) for what in QUARTERLY[:3] for value in quarterly[what]),
        *one.activities,
    ]


def _safe(cell: object) -> object:
    """Text a spreadsheet would run as a formula (a seller's name may start with "=") is kept as text."""
    return f"'{cell}" if isinstance(cell, str) and cell[:1] in FORMULA else cell


def sellers_csv(sellers: list[Seller]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for seller in sellers:
        for index in range(len(seller.years)):
            writer.writerow([_safe(cell) for cell in _row(seller, index)])
    return out.getvalue()
