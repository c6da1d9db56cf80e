"""Pages for accounts: own profile, photo, portfolio, roles, access tokens; public profiles and search."""

from decimal import Decimal
from typing import Any

from allauth.account.utils import has_verified_email
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from openhour.accounts import selectors, services
from openhour.accounts.forms import (
    FreelancerFilterForm,
    PhotoForm,
    PortfolioItemEditForm,
    PortfolioItemForm,
    ProfileForm,
    TokenForm,
)
from openhour.accounts.languages import language_names
from openhour.accounts.models import User
from openhour.catalog.selectors.hourlies import freelancer_hourlies
from openhour.jobs.models import Project
from openhour.jobs.selectors.projects import client_open_projects
from openhour.lib.errors import InvalidInput, NotFound
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error, filtered_list
from openhour.reviews.integrity.services.sanctions import active_warning
from openhour.reviews.integrity.services.testimonials import shown_testimonials
from openhour.reviews.views.public import profile_blocks

CENT = Decimal("0.01")  # rates are shown as typed, e.g. 45.50, never through a float


def _profile_form(request: HttpRequest, user: User) -> ProfileForm:
    profile = user.profile
    initial = {
        "headline": profile.headline,
        "bio": profile.bio,
        "country": str(profile.country),
        "languages": profile.languages,
        "skills": [s.slug for s in profile.skills.all()],
        "hourly_rate": None if profile.hourly_rate is None else (Decimal(profile.hourly_rate) / 100).quantize(CENT),
        "rate_currency": profile.rate_currency,
        "availability": profile.availability,
        "company_name": profile.company_name,
        "company_size": profile.company_size,
        "website": profile.website,
    }
    data = request.POST if request.method == "POST" and request.path == reverse("profile_edit") else None
    return ProfileForm(data, user=user, initial=initial)


def _profile_page(request: HttpRequest, user: User, form: ProfileForm, photo_form: PhotoForm) -> HttpResponse:
    selected = set(form["skills"].value() or []) if "skills" in form.fields else set()
    return render(
        request,
        "accounts/profile_edit.html",
        {
            "form": form,
            "photo_form": photo_form,
            "selected_skills": selected,
            "completeness": selectors.completeness_for(user=user),
            "email_verified": has_verified_email(user),
        },
        status=400 if form.errors or photo_form.errors else 200,
    )


@login_required
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = _profile_form(request, user)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(user=user, **form.changes())
        except InvalidInput as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("profile_edit")
    return _profile_page(request, user, form, PhotoForm())


@login_required
@require_POST
def photo_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Errors show on the photo form of the profile page itself, which is re-rendered with them."""
    user = request.user
    photo_form = PhotoForm(files=request.FILES)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise InvalidInput(_("Choose a photo to upload."), fields={"file": [_("Choose a photo to upload.")]})
        services.profile_photo_set(user=user, upload=upload)
    except InvalidInput as error:
        photo_form.errors.clear()  # the service's sentence about the file is the one to show
        photo_form.add_error("file", error.message)
        return _profile_page(request, user, _profile_form(request, user), photo_form)
    messages.success(request, _("Your photo is updated."))
    return redirect("profile_edit")


@login_required
@require_POST
def photo_remove(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.profile_photo_remove(user=request.user)
    messages.success(request, _("Your photo is removed."))
    return redirect("profile_edit")


@login_required
@require_POST
def role_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.role_add(user=request.user, role=request.POST.get("role", ""))
    messages.success(request, _("Role added: your profile now has the new sections."))
    back = request.POST.get("next", "")  # e.g. the project form that asked for the client role
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect("profile_edit")


@login_required
def portfolio(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = PortfolioItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.portfolio_item_create(user=user, **form.cleaned_data)
        except InvalidInput as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Added to your portfolio."))
            return redirect("portfolio")
    return render(
        request,
        "accounts/portfolio.html",
        {"form": form, "items": list(user.portfolio.all())},
        status=400 if form.errors else 200,
    )


@login_required
def portfolio_item_edit(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    user = request.user
    item = user.portfolio.filter(pk=item_id).first()
    if item is None:  # someone else's item answers like a missing one, on the site's own error page
        raise NotFound(_("No such portfolio item."))
    initial = {"title": item.title, "description": item.description, "link": item.link}
    form = PortfolioItemEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.portfolio_item_update(user=user, item_id=item.pk, **form.cleaned_data)
        except InvalidInput as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Portfolio item saved."))
            return redirect("portfolio")
    return render(
        request, "accounts/portfolio_edit.html", {"form": form, "item": item}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def portfolio_item_move(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    try:
        position = int(request.POST.get("position", ""))
    except ValueError:
        messages.error(request, _("Choose where to move the item."))
        return redirect("portfolio")
    services.portfolio_item_move(user=request.user, item_id=item_id, position=position)
    return redirect("portfolio")


@login_required
@require_POST
def portfolio_item_delete(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    services.portfolio_item_delete(user=request.user, item_id=item_id)
    messages.success(request, _("Removed from your portfolio."))
    return redirect("portfolio")


@never_cache  # the page that shows a new secret must not stay in any cache
@login_required
def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.access_token_create(user=user, label=form.cleaned_data["label"])
        except InvalidInput as error:
            add_domain_error(form, error)
        else:
            form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "secret": secret, "tokens": selectors.access_tokens(user=user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    services.access_token_revoke(user=request.user, token_id=token_id)
    messages.success(request, _("Token revoked: it no longer works."))
    return redirect("tokens")


def public_profile(request: HttpRequest, username: str) -> HttpResponse:
    person = selectors.public_profile(username=username)
    if person is None:
        raise NotFound(_("There is nobody here by that name."))
    profile = person.profile
    return render(
        request,
        "accounts/public_profile.html",
        {
            "person": person,
            "profile": profile,
            "skills": list(profile.skills.all()),
            "languages": language_names(profile.languages),
            "portfolio": list(person.portfolio.all()),
            "is_me": request.user == person,
            "invite_projects": _invite_projects(request, person),
            "hourlies": freelancer_hourlies(freelancer=person, viewer=request.user) if person.is_freelancer else [],
            "reputation_blocks": profile_blocks(person),
            **_integrity(person),
        },
    )


def _integrity(person: User) -> dict[str, Any]:
    """A public warning and off-platform testimonials, read only when the profile query saw any."""
    return {
        "warning": active_warning(person) if getattr(person, "has_sanctions", True) else None,
        "testimonials": list(shown_testimonials(person)[:20]) if getattr(person, "has_testimonials", True) else [],
    }


def _invite_projects(request: HttpRequest, person: User) -> list[Project]:
    """A signed-in client may invite a freelancer (not herself) to her open projects from their profile."""
    if not person.is_freelancer or request.user == person:
        return []
    return client_open_projects(client=request.user)


def freelancers(request: HttpRequest) -> HttpResponse:
    form = FreelancerFilterForm(request.GET or None)
    args = form.search_args() if form.is_valid() else {}
    return filtered_list(
        request,
        form=form,
        rows=selectors.freelancer_search(**args),
        per_page=12,
        page="accounts/freelancers.html",
        fragment="accounts/_freelancer_results.html",
    )
