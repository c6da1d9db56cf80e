"""Operators' list of reviews whose integrity checks are overdue (the task worker has not finished them within
INTEGRITY_CHECKS_OVERDUE_MINUTES), with a button to run one review's checks at once. 404 to everyone else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.lib.errors import NotFound
from openhour.lib.web import AuthenticatedHttpRequest
from openhour.reviews.services import checks

OVERDUE_PAGE = 50


@login_required
def checks_overdue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Operators only: reviews still being checked past the deadline, oldest first. No star ratings here."""
    if not request.user.is_staff:
        raise NotFound()
    reviews = checks.checks_overdue().select_related("author", "subject")
    page = Paginator(reviews, OVERDUE_PAGE).get_page(request.GET.get("page"))
    context = {
        "reviews": page.object_list,
        "page": page,
        "query": "",
        "minutes": int(checks.overdue_after().total_seconds() // 60),
    }
    return render(request, "integrity/checks_overdue.html", context)


@login_required
@require_POST
def checks_run(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    """Operators only: run one review's checks now, in this request."""
    if checks.review_checks_run_now(review_id=review_id, by=request.user):
        messages.success(request, _("The review is checked; it is published or held as its round allows."))
    else:
        messages.info(request, _("This review's checks had already finished."))
    return redirect("checks_overdue")
