"""The page where a payer confirms a card payment that waits for them (the sandbox's 3-D Secure step)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openhour.lib.errors import DomainError
from openhour.money import payments
from openhour.money.models import Payment


@login_required
def payment_authenticate(request: HttpRequest, payment_id: str) -> HttpResponse:
    payment = payments.payment_for(payment_id=payment_id, viewer=request.user)
    if request.method == "POST" and payment.status == Payment.Status.REQUIRES_ACTION:
        try:
            payment = payments.payment_confirm(payment_id=payment.pk, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Payment confirmed. Thank you."))
        return redirect(_after(payment))
    return render(request, "money/payment_authenticate.html", {"payment": payment, "after": _after(payment)})


def _after(payment: Payment) -> str:
    """Back to what the payment was for: the contract it funds, or the wallet."""
    if payment.milestone_id:
        return f"/contracts/{payment.milestone.contract_id}"  # type: ignore[union-attr]
    return "/wallet"
