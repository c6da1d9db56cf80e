"""Pages: the webhooks of one's account (list, subscribe, delete, rotate the secret, send a test event, turn back
on) and one endpoint's delivery log. Plain forms that work without JavaScript; someone else's endpoint is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from openhour.lib.errors import InvalidInput, NotAllowed
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.webhooks import selectors
from openhour.webhooks.forms import EndpointForm
from openhour.webhooks.models import Endpoint
from openhour.webhooks.services import endpoints as services

LOG_LENGTH = 50  # deliveries shown on the page; the API pages through all of them


@never_cache  # the page that shows a new secret must not stay in any cache
@login_required
def webhooks(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = EndpointForm(request.POST or None, operator=user.is_staff)
    created = None
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data.get("scope", Endpoint.Scope.MINE)
        try:
            created = services.endpoint_create(
                owner=user, url=form.cleaned_data["url"], events=form.cleaned_data["events"], scope=scope
            )
        except (InvalidInput, NotAllowed) as error:
            add_domain_error(form, error)
        else:
            form = EndpointForm(operator=user.is_staff)
    context = {"form": form, "created": created, "endpoints": selectors.endpoints_of(owner=user)}
    return render(request, "webhooks/list.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
def webhook_detail(request: AuthenticatedHttpRequest, endpoint_id: int) -> HttpResponse:
    endpoint = selectors.endpoint_of(owner=request.user, endpoint_id=endpoint_id)
    return _detail(request, endpoint)


def _detail(request: AuthenticatedHttpRequest, endpoint: Endpoint, *, secret: str | None = None) -> HttpResponse:
    deliveries = selectors.deliveries_of(endpoint=endpoint)[:LOG_LENGTH]
    context = {"endpoint": endpoint, "deliveries": deliveries, "secret": secret}
    return render(request, "webhooks/detail.html", context)


@never_cache
@login_required
@require_POST
def webhook_rotate_secret(request: AuthenticatedHttpRequest, endpoint_id: int) -> HttpResponse:
    endpoint = services.endpoint_rotate_secret(owner=request.user, endpoint_id=endpoint_id)
    return _detail(request, endpoint, secret=endpoint.secret)


@login_required
@require_POST
def webhook_test(request: AuthenticatedHttpRequest, endpoint_id: int) -> HttpResponse:
    services.endpoint_send_test(owner=request.user, endpoint_id=endpoint_id)
    messages.success(request, _("A test event is on its way: it shows in the delivery log below."))
    return redirect("webhook_detail", endpoint_id)


@login_required
@require_POST
def webhook_enable(request: AuthenticatedHttpRequest, endpoint_id: int) -> HttpResponse:
    services.endpoint_enable(owner=request.user, endpoint_id=endpoint_id)
    messages.success(request, _("The endpoint is on again: new events are sent to it."))
    return redirect("webhook_detail", endpoint_id)


@login_required
@require_POST
def webhook_delete(request: AuthenticatedHttpRequest, endpoint_id: int) -> HttpResponse:
    services.endpoint_delete(owner=request.user, endpoint_id=endpoint_id)
    messages.success(request, _("Endpoint deleted: nothing more is sent to it."))
    return redirect("webhooks")
