"""Pages: your saved searches (run, change the alert, delete), saving the search a list shows, and the one-click
unsubscribe link of alert e-mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from openhour.lib.errors import InvalidInput
from openhour.lib.web import AuthenticatedHttpRequest
from openhour.search.saved import filters, selectors, services, tokens
from openhour.search.saved.forms import AlertForm, SaveSearchForm
from openhour.search.saved.services import SavedSearchLimit


@login_required
def saved_searches(request: AuthenticatedHttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    rows = [
        {"search": search, "url": filters.page_url(search), "form": AlertForm(initial={"alert": search.alert})}
        for search in selectors.saved_searches_of(owner=request.user)
    ]
    context = {"rows": rows, "error": error, "limit": services.LIMIT}
    return render(request, "search/saved/list.html", context, status=status)


@login_required
@require_POST
def saved_search_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Save the filters a list page shows, as that page reads them; back to the same results."""
    form = SaveSearchForm(request.POST)
    if not form.is_valid():
        return saved_searches(request, error=_("Choose how often to be e-mailed, then save again."), status=400)
    page_filters = form.filters_from(request.POST)
    if not page_filters.is_valid():
        return saved_searches(request, error=_("Those filters are not valid: correct them, then save."), status=400)
    try:
        search = services.saved_search_create(
            owner=request.user,
            kind=form.cleaned_data["kind"],
            query=page_filters.search_args(),  # type: ignore[attr-defined]
            alert=form.cleaned_data["alert"],
        )
    except (InvalidInput, SavedSearchLimit) as error:
        return saved_searches(request, error=error.message, status=error.status)
    messages.success(request, _("Search saved as “%(name)s”.") % {"name": search.name})
    return redirect(filters.page_url(search))


@login_required
@require_POST
def saved_search_alert(request: AuthenticatedHttpRequest, search_id: int) -> HttpResponse:
    form = AlertForm(request.POST)
    if not form.is_valid():
        return saved_searches(request, error=_("Choose how often to be e-mailed."), status=400)
    search = services.saved_search_update(owner=request.user, search_id=search_id, alert=form.cleaned_data["alert"])
    messages.success(request, _("“%(name)s”: %(alert)s.") % {"name": search.name, "alert": search.get_alert_display()})
    return redirect("saved_searches")


@login_required
@require_POST
def saved_search_delete(request: AuthenticatedHttpRequest, search_id: int) -> HttpResponse:
    services.saved_search_delete(owner=request.user, search_id=search_id)
    messages.success(request, _("The saved search is deleted."))
    return redirect("saved_searches")


@csrf_exempt  # the signed token is the proof; mail clients POST it with one click (RFC 8058), without a form
@require_http_methods(["GET", "POST"])
def saved_search_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link does and asks to confirm; POST turns that search's alert off."""
    if request.method == "POST":
        search, done = services.saved_search_unsubscribe(token=token), True
    else:
        search, done = tokens.unsubscribe_target(token), False
    context = {"search": search, "done": done, "token": token}
    return render(request, "search/saved/unsubscribe.html", context)
