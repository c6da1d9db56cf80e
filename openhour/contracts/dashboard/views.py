"""The dashboard (what needs doing, active contracts, deadlines, this year's money) and the list of all of
a person's contracts."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from openhour.contracts.dashboard import selectors
from openhour.lib.web import AuthenticatedHttpRequest

PAGE_SIZE = 20
FILTERS = [("", _("All")), ("active", _("Active")), ("offered", _("Offered")), ("ended", _("Ended"))]


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    board = selectors.dashboard_for(user=request.user, role=request.GET.get("as", ""))
    return render(request, "dashboard/dashboard.html", {"board": board})


@login_required
def contract_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Keyset pages, so a deep one costs what the first does; an old `?page=N` link shows the first page."""
    user = request.user
    status = request.GET.get("status", "")
    status = status if status in selectors.STATUS_FILTERS else ""
    page = selectors.contracts_page(user=user, status=status, cursor=request.GET.get("cursor"), size=PAGE_SIZE)
    context = {
        "page": page,
        "rows": selectors.list_rows(page.rows, user),
        "status": status,
        "filters": FILTERS,
        "query": f"status={status}" if status else "",
    }
    return render(request, "dashboard/contracts.html", context)
