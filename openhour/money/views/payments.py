"""The page where a card payment that waits for its payer is finished.

With the sandbox the payer confirms here (standing in for the bank's 3-D Secure screen). With Stripe the
payer confirms at their bank and is sent back here: the page asks Stripe how it went and shows the outcome.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openhour.lib.errors import DomainError
from openhour.lib.web import AuthenticatedHttpRequest
from openhour.money.models import Payment
from openhour.money.services import payments

CONFIRMED_HERE = {"sandbox"}  # gateways whose payer confirms on this page rather than at their bank


@login_required
def payment_authenticate(request: AuthenticatedHttpRequest, payment_id: str) -> HttpResponse:
    payment = payments.payment_for(payment_id=payment_id, viewer=request.user)
    waiting = payment.status == Payment.Status.REQUIRES_ACTION
    if waiting and payment.gateway not in CONFIRMED_HERE:
        payment, problem = _ask_the_gateway(request, payment)
        return render(request, "money/payment_authenticate.html", _context(payment, problem))
    if request.method == "POST" and waiting:
        try:
            payment = payments.payment_confirm(payment_id=payment.pk, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Payment confirmed. Thank you."))
        return redirect(_after(payment))
    return render(request, "money/payment_authenticate.html", _context(payment, ""))


def _ask_the_gateway(request: AuthenticatedHttpRequest, payment: Payment) -> tuple[Payment, str]:
    """Back from the bank: settle from what the gateway says now. Returns the payment and any problem."""
    try:
        payment = payments.payment_confirm(payment_id=payment.pk, by=request.user)
    except DomainError as error:
        payment = payments.payment_for(payment_id=payment.pk, viewer=request.user)
        return payment, error.message
    return payment, ""


def _context(payment: Payment, problem: str) -> dict[str, object]:
    return {
        "payment": payment,
        "after": _after(payment),
        "problem": problem,
        "confirm_here": payment.gateway in CONFIRMED_HERE,
    }


def _after(payment: Payment) -> str:
    """Back to what the payment was for: the contract it funds, or the wallet."""
    if payment.milestone_id:
        return f"/contracts/{payment.milestone.contract_id}"  # type: ignore[union-attr]
    return "/wallet"
