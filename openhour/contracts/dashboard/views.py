"""The dashboard (what needs doing, active contracts, deadlines, this year's money) and the list of all of
a person's contracts."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from openhour.accounts.models import User
from openhour.contracts.dashboard import selectors

PAGE_SIZE = 20
FILTERS = [("", _("All")), ("active", _("Active")), ("offered", _("Offered")), ("ended", _("Ended"))]


def _me(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    board = selectors.dashboard_for(user=_me(request), role=request.GET.get("as", ""))
    return render(request, "dashboard/dashboard.html", {"board": board})


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    status = request.GET.get("status", "")
    status = status if status in selectors.STATUS_FILTERS else ""
    page = Paginator(selectors.contracts_list(user=user, status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page, "rows": selectors.list_rows(page.object_list, user), "status": status,
        "filters": FILTERS, "query": f"status={status}" if status else "",
    }  # fmt: skip
    return render(request, "dashboard/contracts.html", context)
