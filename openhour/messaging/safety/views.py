"""Safety pages: block or report a person from their profile, report a message, the list of people I blocked,
and the operators' queue. People outside a conversation get a 404 for its messages; non-staff for the queue."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.accounts.models import User
from openhour.lib.errors import DomainError, NotFound
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.messaging.models import Message
from openhour.messaging.safety import selectors, services
from openhour.messaging.safety.forms import CloseForm, ReportForm

QUEUE_PAGE = 50  # open reports shown at once to an operator, oldest first


def _person(username: str) -> User:
    found = User.objects.filter(username=username, is_active=True).first()
    if found is None:
        raise NotFound(_("There is nobody here by that name."))
    return found


def _safety_page(
    request: AuthenticatedHttpRequest,
    person: User,
    *,
    status: int = 200,
    form: ReportForm | None = None,
    error: str = "",
) -> HttpResponse:
    """The block and report forms for one person: the whole page, or only the forms when htmx asks."""
    context: dict[str, Any] = {
        "person": person,
        "blocked": selectors.has_blocked(blocker=request.user, person=person),
        "report_form": form or ReportForm(),
        "error": error,
        "is_me": person.pk == request.user.pk,
    }
    fragment = request.headers.get("HX-Request") and status == 200
    template = "messaging/safety/_safety_forms.html" if fragment else "messaging/safety/profile_safety.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])  # the fragment and the page must never share a cache entry
    return response


@login_required
def profile_safety(request: AuthenticatedHttpRequest, username: str) -> HttpResponse:
    return _safety_page(request, _person(username))


def _back(request: HttpRequest, username: str) -> HttpResponse:
    """Back where the form was: the profile, or a page of ours named in `next` (the list of blocked people)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("public_profile", username)


@login_required
@require_POST
def block(request: AuthenticatedHttpRequest, username: str) -> HttpResponse:
    person = _person(username)
    try:
        services.block_add(by=request.user, username=username)
    except DomainError as error:
        return _safety_page(request, person, status=error.status, error=error.message)
    messages.success(request, _("You blocked %(name)s: they can no longer message you.") % {"name": person.name})
    return _back(request, username)


@login_required
@require_POST
def unblock(request: AuthenticatedHttpRequest, username: str) -> HttpResponse:
    person = _person(username)
    try:
        services.block_remove(by=request.user, username=username)
    except DomainError as error:
        return _safety_page(request, person, status=error.status, error=error.message)
    messages.success(request, _("You unblocked %(name)s: they can message you again.") % {"name": person.name})
    return _back(request, username)


@login_required
@require_POST
def report_person(request: AuthenticatedHttpRequest, username: str) -> HttpResponse:
    person = _person(username)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_create(by=request.user, username=username, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you: your report is with the operators."))
            return redirect("public_profile", username)
    return _safety_page(request, person, status=400, form=form)


@login_required
def message_report(request: AuthenticatedHttpRequest, message_id: int) -> HttpResponse:
    """Report one message; only the person it was sent to may, everyone else gets a 404."""
    message = services.reportable_message(message_id=message_id, by=request.user)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                by=request.user, username=message.sender.username, message_id=message.pk, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you: your report is with the operators."))
            return redirect("public_profile", message.sender.username)
    status = 400 if request.method == "POST" else 200
    return render(request, "messaging/safety/message_report.html", _message_context(message, form), status=status)


def _message_context(message: Message, form: ReportForm) -> dict[str, Any]:
    return {"message": message, "person": message.sender, "form": form}


@login_required
def blocked_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "messaging/safety/blocked.html", {"blocks": selectors.blocks_of(user=request.user)})


def _operator(request: AuthenticatedHttpRequest) -> User:
    if not request.user.is_staff:
        raise NotFound()
    return request.user


def _queue(request: HttpRequest, *, status: int = 200, failed: tuple[int, CloseForm] | None = None) -> HttpResponse:
    page = Paginator(selectors.report_queue(), QUEUE_PAGE).get_page(request.GET.get("page"))
    reports = list(page.object_list)
    for report in reports:
        report.close_form = failed[1] if failed and failed[0] == report.pk else CloseForm(prefix=f"r{report.pk}")  # type: ignore[attr-defined]
    context = {"reports": reports, "page": page, "closed_count": selectors.reports_closed_count()}
    return render(request, "messaging/safety/queue.html", context, status=status)


@login_required
def report_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Operators only: open reports, oldest first, each with a form to close it with an outcome."""
    _operator(request)
    return _queue(request)


@login_required
@require_POST
def report_close(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    operator = _operator(request)
    form = CloseForm(request.POST, prefix=f"r{report_id}")
    if form.is_valid():
        try:
            services.report_close(report_id=report_id, by=operator, outcome=form.cleaned_data["outcome"])
        except DomainError as error:
            if error.status == 404:
                raise
            if error.status != 409:
                add_domain_error(form, error)
            else:  # closed meanwhile by someone else: it has left the queue, so say so above it
                messages.error(request, error.message)
                return redirect("report_queue")
        else:
            messages.success(request, _("The report is closed."))
            return redirect("report_queue")
    return _queue(request, status=400, failed=(report_id, form))
