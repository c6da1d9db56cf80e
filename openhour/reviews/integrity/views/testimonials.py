"""Pages for off-platform testimonials: a freelancer asks past clients (/me/testimonials), a client confirms
through the signed link in the e-mail (no account needed), operators decide held ones. A tampered or expired
link is a 400 page; a second confirmation a 409; other people's pages are 404."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from openhour.accounts.models import User
from openhour.lib.errors import DomainError, NotFound
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.reviews.integrity.models import Testimonial
from openhour.reviews.integrity.services import testimonials

STARS = {n: gettext_lazy("%(n)s stars") % {"n": n} if n > 1 else gettext_lazy("1 star") for n in range(1, 6)}


class RequestForm(forms.Form):
    client_name = forms.CharField(label=gettext_lazy("Your client's name"), max_length=100)
    client_email = forms.EmailField(label=gettext_lazy("Your client's e-mail address"))
    message = forms.CharField(
        label=gettext_lazy("A short personal message"),
        max_length=testimonials.MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ConfirmForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your testimonial"),
        max_length=testimonials.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    overall = forms.TypedChoiceField(
        label=gettext_lazy("Overall rating (optional)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", gettext_lazy("No rating"))] + [(n, STARS[n]) for n in range(5, 0, -1)],
    )


def _freelancer(request: AuthenticatedHttpRequest) -> User:
    user = request.user
    if not user.is_freelancer:
        raise NotFound()
    return user


@login_required
@require_http_methods(["GET", "POST"])
def my_testimonials(request: AuthenticatedHttpRequest) -> HttpResponse:
    freelancer = _freelancer(request)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            testimonials.testimonial_request(freelancer=freelancer, **form.cleaned_data)
        except DomainError as error:
            if error.status != 400:
                raise
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your request is on its way. It shows on your profile once confirmed."))
            return redirect("my_testimonials")
    limit = testimonials.per_month()
    left = max(limit - testimonials.requests_this_month(freelancer), 0)
    context = {"form": form, "mine": testimonials.testimonials_of(freelancer)[:100], "per_month": limit, "left": left}
    return render(request, "integrity/testimonial_mine.html", context, status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
def testimonial_confirm(request: HttpRequest, token: str) -> HttpResponse:
    testimonial = testimonials.testimonial_for_token(token)  # 400 page when tampered or expired
    if testimonial.status != Testimonial.Status.REQUESTED:
        return _page(request, testimonial, None, status=409)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = testimonials.testimonial_confirm(token=token, **form.cleaned_data)
        except DomainError as error:
            if error.status == 409:
                return _page(request, testimonial, None, status=409)
            add_domain_error(form, error)
        else:
            return _page(request, done, None, status=200)
    return _page(request, testimonial, form, status=400 if request.method == "POST" else 200)


def _page(request: HttpRequest, testimonial: Testimonial, form: ConfirmForm | None, *, status: int) -> HttpResponse:
    context: dict[str, Any] = {"testimonial": testimonial, "form": form, "twice": status == 409}
    return render(request, "integrity/testimonial_confirm.html", context, status=status)


def _operator(request: HttpRequest) -> User:
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        raise NotFound()
    return user


def held_queue(request: HttpRequest) -> HttpResponse:
    _operator(request)
    return render(request, "integrity/testimonial_queue.html", {"held": testimonials.held_testimonials()[:100]})


@require_POST
def held_decide(request: HttpRequest, testimonial_id: int) -> HttpResponse:
    operator = _operator(request)
    testimonials.testimonial_moderate(testimonial_id=testimonial_id, action=request.POST.get("action", ""), by=operator)
    messages.success(request, _("Done."))
    return redirect("testimonial_queue")
