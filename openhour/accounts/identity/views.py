"""Pages of identity checks: the person's own (/me/identity) and the operators' review queue, whose documents
are handed out privately and each opening written to the personal-data access log."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.accounts.identity import selectors
from openhour.accounts.identity.forms import DecisionForm, DocumentsForm
from openhour.accounts.identity.models import IdentityFile
from openhour.accounts.identity.providers import provider
from openhour.accounts.identity.services.checks import identity_start
from openhour.accounts.identity.services.decisions import identity_decide
from openhour.accounts.privacy.log import personal_data_accessed
from openhour.lib.errors import DomainError, NotFound
from openhour.lib.ids import pk_or_none
from openhour.lib.private_files import serve
from openhour.lib.web import AuthenticatedHttpRequest, absolute_url, add_domain_error

PAGE = "/me/identity"


@login_required
def identity_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Status, why it is asked for, and the way to start: two files (manual) or a button to Stripe."""
    form = DocumentsForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            check = identity_start(
                by=request.user,
                return_url=absolute_url(PAGE),
                document=form.cleaned_data["document"],
                selfie=form.cleaned_data["selfie"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if check.provider_url:
                return redirect(check.provider_url)
            messages.success(request, _("Thank you. We will check your documents and tell you the outcome."))
            return redirect("identity")
    context = {"me": selectors.identity_status(user=request.user), "form": form, "takes_files": provider().takes_files}
    return render(request, "identity/me.html", context, status=400 if form.errors else 200)


def _operator(request: AuthenticatedHttpRequest) -> None:
    if not request.user.is_staff:
        raise NotFound()  # the queue does not exist for anyone else


@login_required
def queue_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    _operator(request)
    return _queue(request, forms={})


def _queue(request: AuthenticatedHttpRequest, *, forms: dict[int, DecisionForm], status: int = 200) -> HttpResponse:
    checks = list(selectors.pending_checks(viewer=request.user))
    rows: list[dict[str, Any]] = [{"check": check, "form": forms.get(check.pk) or _form(check.pk)} for check in checks]
    return render(request, "identity/queue.html", {"rows": rows}, status=status)


def _form(check_id: int, data: Any = None) -> DecisionForm:
    return DecisionForm(data, auto_id=f"check{check_id}_%s")  # one form per check: ids unique on the page


@login_required
@require_POST
def decide(request: AuthenticatedHttpRequest, check_id: int) -> HttpResponse:
    _operator(request)
    form = _form(check_id, request.POST)
    if form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            check = identity_decide(check_id=check_id, by=request.user, action=action, reason=reason)
        except DomainError as error:
            if error.status == 404:
                raise
            if error.status == 409:  # decided meanwhile (another operator, the provider): the queue tells
                messages.error(request, error.message)
                return redirect("identity_queue")
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("%(name)s: %(status)s.") % {"name": check.user.name, "status": check.get_status_display()}
            )
            return redirect("identity_queue")
    return _queue(request, forms={check_id: form}, status=400)


@login_required
def document(request: AuthenticatedHttpRequest, file_id: str) -> HttpResponseBase:
    """An operator opens a document of a check: logged as a view of that person's personal data."""
    found: IdentityFile | None = selectors.file_for_operator(file_id=pk_or_none(file_id), viewer=request.user)
    if found is None:
        raise NotFound(_("No such file."))
    subject = found.identity_check.user
    personal_data_accessed(by=request.user, subject=subject, what="identity_document_viewed", request=request)
    return serve(found.file, name=found.name)
