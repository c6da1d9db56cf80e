"""When a verified identity is required (IDENTITY_REQUIRED_FOR), and the refusals the money and contract
services ask for before they let money leave or hourly work start.

`first_payout`: no withdrawal at all before the person is verified. `yearly_payouts_above`: once the calendar
year's withdrawals in one currency (cancelled and failed ones aside) would pass IDENTITY_YEARLY_PAYOUTS_ABOVE;
each currency is compared on its own, without conversion. `hourly_contracts`: before a freelancer accepts an
hourly contract or logs time on one.
"""

from django.conf import settings
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.identity.models import IdentityCheck
from openhour.accounts.models import User
from openhour.lib.errors import Conflict
from openhour.lib.web import absolute_url
from openhour.money.models import Payout

FIRST_PAYOUT, YEARLY, HOURLY = "first_payout", "yearly_payouts_above", "hourly_contracts"
PAGE = "/me/identity"
COUNTED = [Payout.Status.REQUESTED, Payout.Status.HELD, Payout.Status.SENT, Payout.Status.PAID]


class IdentityRequired(Conflict):
    code = "identity_required"
    default_message = "Verify your identity first."


def is_verified(user: User) -> bool:
    return IdentityCheck.objects.filter(user=user, status=IdentityCheck.Status.VERIFIED).exists()


def identity_require_for_payout(*, user: User, amount: int, currency: str) -> None:
    """409 `identity_required` when this withdrawal needs a verified identity the person does not have yet;
    nothing is reserved, the money stays in the wallet."""
    rules = settings.IDENTITY_REQUIRED_FOR
    needed = FIRST_PAYOUT in rules or (YEARLY in rules and _paid_this_year(user, currency) + amount > _ceiling())
    if needed and not is_verified(user):
        raise IdentityRequired(
            _("Verify your identity before money leaves your wallet: %(url)s. Your money stays in your wallet.")
            % {"url": absolute_url(PAGE)}
        )


def identity_require_for_hourly(*, user: User) -> None:
    """409 `identity_required` for a freelancer who starts or logs hourly work unverified, when so configured."""
    if HOURLY in settings.IDENTITY_REQUIRED_FOR and not is_verified(user):
        raise IdentityRequired(
            _("Verify your identity before you work on hourly contracts: %(url)s.") % {"url": absolute_url(PAGE)}
        )


def required_because(user: User) -> list[str]:
    """The configured rules that apply to this person now, whatever their status: what the pages explain."""
    rules = settings.IDENTITY_REQUIRED_FOR
    reasons = [FIRST_PAYOUT] if FIRST_PAYOUT in rules else []
    if YEARLY in rules and any(total > _ceiling() for total in _totals_this_year(user).values()):
        reasons.append(YEARLY)
    if HOURLY in rules and user.is_freelancer:
        reasons.append(HOURLY)
    return reasons


def _ceiling() -> int:
    return int(settings.IDENTITY_YEARLY_PAYOUTS_ABOVE)


def _this_year(user: User) -> QuerySet[Payout]:
    start = timezone.localtime().replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return Payout.objects.filter(owner=user, created_at__gte=start, status__in=COUNTED)


def _paid_this_year(user: User, currency: str) -> int:
    return int(_this_year(user).filter(currency=currency).aggregate(total=Sum("amount"))["total"] or 0)


def _totals_this_year(user: User) -> dict[str, int]:
    rows = _this_year(user).values("currency").annotate(total=Sum("amount"))
    return {row["currency"]: int(row["total"]) for row in rows}
