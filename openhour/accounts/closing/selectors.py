"""What keeps an account open: money of the person's still held or on its way, or a dispute still running.

Each refusal says what to do and links to where it is done; the page lists them all, the service and the API
answer with the first (409 and its code)."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.disputes.models import Dispute
from openhour.contracts.models import Milestone
from openhour.contracts.services.contracts import HELD
from openhour.money.models import Account, Payment, Payout, Purpose

# A card payment still under way lands in the wallet (and perhaps escrow) when it settles.
PAYMENT_UNDER_WAY = (Payment.Status.PROCESSING, Payment.Status.REQUIRES_ACTION)
PAYOUT_UNDER_WAY = (Payout.Status.REQUESTED, Payout.Status.HELD, Payout.Status.SENT)
WHERE_MONEY_IS = (Purpose.WALLET, Purpose.PAYOUTS_IN_FLIGHT)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Refusal:
    """One reason the account cannot be closed yet: a stable `code`, what to do, and where."""

    code: str
    message: str
    links: list[Link] = field(default_factory=list)


def closing_refusals(*, user: User) -> list[Refusal]:
    """Every reason `user` cannot close their account now, disputes first (their money is held too)."""
    found = [_disputes(user), _escrow(user), _balances(user)]
    return [refusal for refusal in found if refusal is not None]


def _party(user: User, prefix: str = "") -> Q:
    return Q(**{f"{prefix}client": user}) | Q(**{f"{prefix}freelancer": user})


def _disputes(user: User) -> Refusal | None:
    live = Dispute.objects.filter(_party(user, "milestone__"), status__in=Dispute.LIVE).order_by("pk")[:5]
    links = [Link(_("Dispute #%(id)s") % {"id": d.pk}, reverse("dispute_detail", args=[d.pk])) for d in live]
    if not links:
        return None
    message = _("A dispute of yours is still open. Wait for its decision, or withdraw it, before closing your account.")
    return Refusal("dispute_open", message, links)


def _escrow(user: User) -> Refusal | None:
    held = (
        Milestone.objects.filter(_party(user), status__in=HELD)
        .exclude(status=Milestone.Status.DISPUTED)  # told as a dispute
        .select_related("contract")
        .order_by("pk")[:5]
    )
    links = [Link(m.contract.title, reverse("contract_detail", args=[m.contract_id])) for m in held]
    paying = Payment.objects.filter(payer=user, status__in=PAYMENT_UNDER_WAY).exists()
    if paying:
        links.append(Link(_("Your wallet"), reverse("wallet")))
    if not links:
        return None
    message = _(
        "Money is still held in escrow on a contract of yours, or a card payment of yours is still being processed. "
        "Release or refund each funded milestone, and let any card payment finish, before closing your account."
    )
    return Refusal("escrow_held", message, links)


def _balances(user: User) -> Refusal | None:
    left = Account.objects.filter(owner=user, purpose__in=WHERE_MONEY_IS).filter(~Q(balance=0) | ~Q(pending_out=0))
    paying_out = Payout.objects.filter(owner=user, status__in=PAYOUT_UNDER_WAY).exists()
    if not (left.exists() or paying_out):
        return None
    message = _(
        "Your wallet still holds money, or a withdrawal of yours is on its way. Withdraw every balance, in every "
        "currency, and wait until each withdrawal is paid before closing your account."
    )
    return Refusal("balance_remaining", message, [Link(_("Your wallet"), reverse("wallet"))])
