"""The "Close your account" page: what closing does, what stops it, and the confirmation."""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from openhour.accounts.closing.forms import CloseForm
from openhour.accounts.closing.selectors import closing_refusals
from openhour.accounts.closing.services.close import account_close
from openhour.lib.errors import DomainError
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.reviews.integrity.thresholds import threshold


@never_cache
@login_required
def account_close_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = CloseForm(request.POST or None, with_password=user.has_usable_password())
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            account_close(user=user, by=user, request=request, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
            status = error.status
        else:
            logout(request)  # this browser's session too: the closed account cannot act any more
            return render(request, "accounts/closing/closed.html")
    context = {
        "form": form,
        "refusals": closing_refusals(user=user),
        "records_years": settings.CLOSED_ACCOUNT_RECORDS_YEARS,
        "evidence_days": threshold("ACCESS_RETENTION_DAYS"),  # deleted with everyone's, never earlier
    }
    return render(request, "accounts/closing/close.html", context, status=status)
