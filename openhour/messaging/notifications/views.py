"""Pages: the notification centre, notification preferences, and the unsubscribe link from e-mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from openhour.lib.errors import InvalidInput
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.messaging.notifications import kinds, selectors, services
from openhour.messaging.notifications.forms import PreferencesForm
from openhour.messaging.notifications.mail import unsubscribe_target

PER_PAGE = 30


@login_required
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "messaging/notifications/list.html", {"page": page, "query": ""})


def notifications_bell(request: HttpRequest) -> HttpResponse:
    """The header bell's dropdown, fetched by htmx when the bell is clicked; without htmx the bell is a link to
    the centre, and so is this address when opened directly."""
    if not request.headers.get("HX-Request"):
        return redirect("notifications")
    if not request.user.is_authenticated:
        return HttpResponse(status=403)  # htmx swaps nothing on a 4xx: no sign-in page inside the header
    latest = selectors.latest_notifications(user=request.user)
    response = render(request, "messaging/notifications/_bell.html", {"latest": latest})
    patch_vary_headers(response, ["HX-Request"])  # the fragment and the redirect must never share a cache entry
    return response


@login_required
def notification_open(request: AuthenticatedHttpRequest, notification_id: int) -> HttpResponse:
    """Follow a notification to its thing; following it marks it read."""
    notification = services.notification_open(user=request.user, notification_id=notification_id)
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()})
    return redirect(notification.url if safe else "notifications")


@login_required
@require_POST
def notifications_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications")


@login_required
def notification_preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = selectors.preferences_of(user=request.user)
    form = PreferencesForm(request.POST or None, initial_channels=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_set(user=request.user, channels=form.cleaned_data)
        except InvalidInput as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notification_preferences")
    return render(
        request, "messaging/notifications/preferences.html", {"form": form}, status=400 if form.errors else 200
    )


@csrf_exempt  # the signed token is the proof; mail clients POST it with one click (RFC 8058), without a form
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link does and asks to confirm; POST switches that kind to "in the app only"."""
    if request.method == "POST":
        person, kind = services.unsubscribe(token=token)
        done = True
    else:
        person, kind = unsubscribe_target(token)
        done = False
    context = {"person": person, "kind": kinds.KINDS[kind], "done": done, "token": token}
    return render(request, "messaging/notifications/unsubscribe.html", context)
