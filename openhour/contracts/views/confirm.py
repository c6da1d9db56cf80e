"""The confirmation step before money moves: the first POST of a money form shows what will be paid, to
whom, and the fee, and only a second POST carrying `confirm=yes` moves it. Plain forms, so it works
without JavaScript; API clients confirm by calling the endpoint."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.lib.money import format_money
from openhour.money import ledger

CONFIRM = "confirm"
YES = "yes"
# Never carried into the confirmation form: Django adds its own token, and the answer is the button.
NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRM, "pinned"}


@dataclass(frozen=True)
class Line:
    label: str
    amount: int
    total: bool = False  # the figure the person commits to, shown in bold


def confirmed(request: HttpRequest) -> bool:
    """Whether this POST comes from the confirmation page rather than the first click."""
    return request.POST.get(CONFIRM) == YES


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    lines: list[Line],
    currency: str,
    button: str,
    back: str,
    intro: str = "",
    warning: str = "",
    pin: int | None = None,
) -> HttpResponse:
    """The page that asks once more, re-posting the first form's fields to the same address."""
    posted = request.POST
    carried = [(name, value) for name in posted if name not in NOT_CARRIED for value in posted.getlist(name)]
    context = {
        "title": title,
        "intro": intro,
        "warning": warning,
        "lines": lines,
        "currency": currency,
        "button": button,
        "back": back,
        "action": request.path,
        "carried": carried,
        "pin": pin,
    }
    return render(request, "contracts/confirm.html", context)


def pin_moved(request: HttpRequest, total: int) -> bool:
    """The total confirmed is no longer the total: a price changed between the two clicks."""
    pinned = request.POST.get("pinned", "")
    return bool(pinned) and pinned != str(total)


def wallet_warning(*, user: User, currency: str, total: int, method: str) -> str:
    """Said before confirming a payment from a wallet that holds less: the confirmation would be refused."""
    if method != "wallet":
        return ""
    available = ledger.wallet_found(owner=user, currency=currency).available
    if available >= total:
        return ""
    return _("Your wallet holds %(available)s, less than this: add money to it first, or go back and pay by card.") % {
        "available": format_money(available, currency)
    }
