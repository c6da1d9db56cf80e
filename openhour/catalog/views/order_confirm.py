"""The confirmation before an Hourlie order is paid: the package and extras chosen, the client service
fee, what the client pays and what the freelancer receives, asked once more before anything is charged."""

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from openhour.catalog.models import Hourlie, Order
from openhour.contracts.views.confirm import Line, confirm_page, pin_moved, wallet_warning
from openhour.jobs.selectors.proposals import fee_preview
from openhour.lib.errors import NotAllowed
from openhour.lib.money import format_money
from openhour.lib.web import AuthenticatedHttpRequest
from openhour.money import fees
from openhour.money.services import escrow


def buy_moved(request: AuthenticatedHttpRequest, hourlie: Hourlie, data: dict[str, Any]) -> bool:
    """The freelancer changed a price after the client looked: the client is asked again."""
    amount = _chosen_amount(hourlie, data)
    return pin_moved(request, amount + fees.client_fee(amount=amount, currency=hourlie.currency))


def _chosen_amount(hourlie: Hourlie, data: dict[str, Any]) -> int:
    package = next(p for p in hourlie.packages.all() if str(p.pk) == data["package"])
    return package.price + sum(e.price for e in hourlie.extras.all() if str(e.pk) in data["extras"])


def confirm_buy(
    request: AuthenticatedHttpRequest, hourlie: Hourlie, data: dict[str, Any], *, moved: bool = False
) -> HttpResponse:
    """The order form's first click: the chosen package and extras priced, nothing placed or charged."""
    user = request.user
    if hourlie.freelancer_id == user.pk or not user.is_client:
        raise NotAllowed(_("Only clients order services, and never their own."))
    package = next(p for p in hourlie.packages.all() if str(p.pk) == data["package"])
    extras = [e for e in hourlie.extras.all() if str(e.pk) in data["extras"]]
    amount = _chosen_amount(hourlie, data)
    lines = [Line(package.name, package.price), *(Line(e.title, e.price) for e in extras)]
    title = _("Order “%(title)s”?") % {"title": hourlie.title}
    back = reverse("hourlie_detail", args=[hourlie.pk])
    return _confirm(
        request,
        hourlie.freelancer,
        hourlie.currency,
        amount,
        lines,
        title=title,
        back=back,
        method=data["method"],
        moved=moved,
    )


def confirm_pay(request: AuthenticatedHttpRequest, order: Order, method: str) -> HttpResponse:
    """Paying an order awaiting payment: the order's milestone funded, asked once more."""
    milestone = order.contract.milestones.get()  # type: ignore[union-attr]
    quote = escrow.funding_quote(milestone)
    title = _("Pay for your order of “%(title)s”?") % {"title": order.hourlie.title}
    lines = [Line(_("The order"), quote.amount)]
    back = reverse("order_detail", args=[order.pk])
    return _confirm(
        request,
        order.hourlie.freelancer,
        order.currency,
        quote.amount,
        lines,
        title=title,
        back=back,
        method=method,
        client_fee=quote.client_fee,  # the order's contract keeps the fee schedule it was made under
    )


def _confirm(
    request: AuthenticatedHttpRequest,
    freelancer: Any,
    currency: str,
    amount: int,
    lines: list[Line],
    *,
    title: str,
    back: str,
    method: str,
    client_fee: int | None = None,
    moved: bool = False,
) -> HttpResponse:
    if client_fee is None:
        client_fee = fees.client_fee(amount=amount, currency=currency)
    paid = fee_preview(client_id=request.user.pk, freelancer_id=freelancer.pk, amount=amount, currency=currency)
    total = format_money(amount + client_fee, currency)
    how = _("from your wallet") if method == "wallet" else _("by card")
    return confirm_page(
        request,
        title=title,
        intro=_("You pay %(how)s. The money waits in escrow until you approve the work; then %(name)s is paid.")
        % {"how": how, "name": freelancer.name},
        lines=[
            *lines,
            Line(_("Client service fee"), client_fee),
            Line(_("You pay"), amount + client_fee, total=True),
            Line(_("Freelancer service fee, on release"), paid.fee),
            Line(_("%(name)s receives on release") % {"name": freelancer.name}, paid.receive),
        ],
        currency=currency,
        warning=_("The price changed since you looked: these are the new amounts.")
        if moved
        else wallet_warning(user=request.user, currency=currency, total=amount + client_fee, method=method),
        pin=amount + client_fee,
        button=_("Confirm and pay %(total)s") % {"total": total},
        back=back,
    )
