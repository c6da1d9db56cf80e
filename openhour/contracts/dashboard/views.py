"""The dashboard (what needs doing, active contracts, deadlines, this year's money) and the list of all of
a person's contracts."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
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
    user = request.user
    status = request.GET.get("status", "")
    status = status if status in selectors.STATUS_FILTERS else ""
    page = Paginator(selectors.contracts_list(user=user, status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": selectors.list_rows(page.object_list, user),
        "status": status,
        "filters": FILTERS,
        "query": f"status={status}" if status else "",
    }
    return render(request, "dashboard/contracts.html", context)
