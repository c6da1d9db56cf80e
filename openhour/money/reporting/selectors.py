"""What each seller earned through the platform in a year, per currency and quarter, read from the ledger.

A paid transaction ("relevant activity" in DAC7) is a milestone released to the freelancer, in full or in part by a
dispute decision: its release leg credits their wallet net of the fee, its fee leg pays the platform, and the two
together are the gross. Quarters and years are counted in UTC. Currencies are kept apart, never converted.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone

from openhour.accounts.models import User
from openhour.money.models import Phase, Transfer
from openhour.money.reporting.models import TaxDetails

PAID_KINDS = (Transfer.Kind.RELEASE, Transfer.Kind.FREELANCER_FEE)
QUARTERS = 4


def _four() -> list[int]:
    return [0] * QUARTERS


@dataclass
class SellerYear:
    """One seller's year in one currency; lists hold Q1..Q4."""

    seller_id: int
    year: int
    currency: str
    gross: list[int] = field(default_factory=_four)
    fees: list[int] = field(default_factory=_four)
    activities: list[int] = field(default_factory=_four)
    contracts: int = 0

    @property
    def net(self) -> list[int]:
        return [gross - fee for gross, fee in zip(self.gross, self.fees, strict=True)]

    @property
    def rows(self) -> list[dict[str, int]]:
        """One row per quarter, for tables."""
        net = self.net
        return [
            {
                "quarter": at + 1,
                "gross": self.gross[at],
                "fees": self.fees[at],
                "net": net[at],
                "activities": self.activities[at],
            }
            for at in range(QUARTERS)
        ]

    @property
    def total_gross(self) -> int:
        return sum(self.gross)

    @property
    def total_fees(self) -> int:
        return sum(self.fees)

    @property
    def total_net(self) -> int:
        return sum(self.net)

    @property
    def total_activities(self) -> int:
        return sum(self.activities)


@dataclass
class Seller:
    """A seller's figures for a year, all currencies, with the tax details they gave (None if not yet)."""

    user: User
    details: TaxDetails | None
    years: list[SellerYear]

    @property
    def activities(self) -> int:
        return sum(one.total_activities for one in self.years)

    @property
    def complete(self) -> bool:
        return self.details is not None


# Grouped on in `.values()`: whose sale it was, and when (UTC).
_YEAR = ExtractYear("created_at", tzinfo=UTC)
_SELLER_YEAR: dict[str, Any] = {"seller": F("milestone__contract__freelancer_id"), "year": _YEAR}
_QUARTER = ExtractQuarter("created_at", tzinfo=UTC)


def _paid(start: datetime, end: datetime, seller_id: int | None) -> QuerySet[Transfer]:
    rows = Transfer.objects.filter(
        phase=Phase.POSTED, kind__in=PAID_KINDS, milestone__isnull=False, created_at__gte=start, created_at__lt=end
    )
    if seller_id is not None:
        rows = rows.filter(milestone__contract__freelancer_id=seller_id)
    return rows


def seller_years(*, first: int, last: int | None = None, seller_id: int | None = None) -> list[SellerYear]:
    """Every seller's figures (or one seller's) for the years `first`..`last`: two queries, whatever the count."""
    start, end = datetime(first, 1, 1, tzinfo=UTC), datetime((last or first) + 1, 1, 1, tzinfo=UTC)
    found: dict[tuple[int, int, str], SellerYear] = {}

    def entry(row: Mapping[str, Any]) -> SellerYear:
        key = (row["seller"], row["year"], row["currency"])
        return found.setdefault(key, SellerYear(seller_id=key[0], year=key[1], currency=key[2]))

    amounts = _paid(start, end, seller_id).values("currency", "kind", **_SELLER_YEAR, quarter=_QUARTER)
    for row in amounts.annotate(total=Sum("amount"), count=Count("id")):
        _add(entry(row), row)
    contracts = _paid(start, end, seller_id).filter(kind=Transfer.Kind.RELEASE).values("currency", **_SELLER_YEAR)
    for counted in contracts.annotate(contracts=Count("milestone__contract", distinct=True)):
        entry(counted).contracts = counted["contracts"]
    return sorted(found.values(), key=lambda one: (one.seller_id, one.year, one.currency))


def _add(one: SellerYear, row: Mapping[str, Any]) -> None:
    quarter = row["quarter"] - 1
    one.gross[quarter] += row["total"]
    if row["kind"] == Transfer.Kind.FREELANCER_FEE:
        one.fees[quarter] += row["total"]
    else:  # each milestone paid has one release leg
        one.activities[quarter] += row["count"]


def over_thresholds(years: Iterable[SellerYear], *, share: float = 1.0) -> bool:
    """DAC7 leaves out a seller below BOTH thresholds; `share` < 1 asks whether they are getting near."""
    listed = list(years)
    enough_activities = sum(one.total_activities for one in listed) >= share * settings.REPORTING_MIN_TRANSACTIONS
    return enough_activities or any(one.total_gross >= share * settings.REPORTING_MIN_AMOUNT for one in listed)


def reportable_sellers(*, year: int) -> list[Seller]:
    """The sellers to report for `year`, by name, with their tax details: three queries."""
    by_seller: dict[int, list[SellerYear]] = defaultdict(list)
    for one in seller_years(first=year):
        by_seller[one.seller_id].append(one)
    chosen = {seller_id: years for seller_id, years in by_seller.items() if over_thresholds(years)}
    users = User.objects.filter(pk__in=chosen).select_related("tax_details").order_by("name", "pk")
    return [Seller(user=user, details=_details(user), years=chosen[user.pk]) for user in users]


def tax_details_of(*, seller: User) -> TaxDetails | None:
    return TaxDetails.objects.filter(user=seller).first()


def _details(user: User) -> TaxDetails | None:
    try:
        return user.tax_details
    except TaxDetails.DoesNotExist:
        return None


def statement_years(*, seller: User) -> list[int]:
    """The years in which `seller` was paid through the platform, newest first."""
    rows = _paid(datetime(2000, 1, 1, tzinfo=UTC), timezone.now(), seller.pk).filter(kind=Transfer.Kind.RELEASE)
    return sorted(set(rows.order_by().values_list(_YEAR, flat=True).distinct()), reverse=True)


def tax_details_needed(*, seller: User) -> bool:
    """Whether to ask `seller` for their tax details: they have none yet and, this year or last (whose report is
    still to be made), they reached REPORTING_NOTICE_SHARE of a threshold. Three queries at most."""
    if not seller.is_freelancer or TaxDetails.objects.filter(user=seller).exists():
        return False
    now = timezone.now().year
    years = seller_years(first=now - 1, last=now, seller_id=seller.pk)
    share = settings.REPORTING_NOTICE_SHARE
    return any(over_thresholds([one for one in years if one.year == year], share=share) for year in (now - 1, now))
