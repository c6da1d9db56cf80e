"""Pages for projects: browse open work, post a project, read one, and (its client) edit, close or invite."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.jobs import feed
from openhour.jobs.forms.projects import CloseForm, InvitationForm, ProjectFilterForm, ProjectForm
from openhour.jobs.insights import WorkInsight, form_insight
from openhour.jobs.models import Project
from openhour.jobs.selectors import attachments as attachment_selectors
from openhour.jobs.selectors import projects as selectors
from openhour.jobs.services import projects as services
from openhour.jobs.views.proposals import proposal_box
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound, field_errors
from openhour.lib.process import CLIENT, allowed_actions
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error, filtered_list
from openhour.reviews.views.public import reputation_block

PAGE_SIZE = 20


def projects(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET or None)
    args = form.search_args() if form.is_valid() else {}
    return filtered_list(
        request,
        form=form,
        rows=selectors.project_search(viewer=request.user, **args),
        per_page=PAGE_SIZE,
        page="jobs/projects.html",
        fragment="jobs/_project_results.html",
    )


@login_required
def project_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Who may not post is told why and how to change that before any form is filled in."""
    user = request.user
    form = ProjectForm(*_posted(request))
    try:
        services.project_post_check(client=user)
        if request.method == "POST" and form.is_valid():
            project = services.project_post(client=user, **form.changes())
            messages.success(request, _("Your project is posted. Freelancers can now find it and send proposals."))
            return redirect("project_detail", project.pk)
    except NotAllowed as refusal:
        return render(request, "jobs/post_refused.html", {"refusal": refusal}, status=refusal.status)
    except InvalidInput as error:
        add_domain_error(form, error)
    return _form_page(request, form, project=None)


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_detail(project_id=project_id, viewer=request.user)
    if project is None:  # invite-only projects answer like missing ones to those who may not see them
        raise NotFound(_("No such project."))
    is_owner = project.client_id == request.user.pk
    return render(
        request,
        "jobs/project_detail.html",
        {
            "project": project,
            "skills": list(project.skills.all()),
            "is_owner": is_owner,
            "actions": allowed_actions(project, CLIENT if is_owner else None),  # from Project.TRANSITIONS
            "history": selectors.client_history(client_id=project.client_id),
            "client_reputation": reputation_block(person=project.client, role=CLIENT),
            "events": list(project.events.select_related("by")) if is_owner else [],
            "close_form": CloseForm(),
            "invitations": selectors.project_invitations(project=project) if is_owner else [],
            "brief_files": attachment_selectors.project_files(project=project, viewer=request.user),
        }
        | proposal_box(project=project, viewer=request.user),
    )


@login_required
def project_edit(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    user = request.user
    project = selectors.project_detail(project_id=project_id, viewer=user)
    if project is None or project.client_id != user.pk:
        raise NotFound(_("No such project."))
    if project.status != Project.Status.OPEN:
        raise Conflict(_("Only open projects can be edited."), code=f"project_{project.status}")
    attached = list(project.files.all())
    form = ProjectForm(*_posted(request), initial=ProjectForm.initial_for(project), files_attached=attached)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project_id=project.pk, by=user, **form.changes(only_changed=True))
        except InvalidInput as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("project_detail", project.pk)
    return _form_page(request, form, project=project)


@login_required
@require_POST
def project_close(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    form = CloseForm(request.POST)
    if not form.is_valid():
        raise InvalidInput(_("Please correct the highlighted fields."), fields=field_errors(form.errors))
    services.project_close(project_id=project_id, by=request.user, note=form.cleaned_data["note"])
    messages.success(request, _("The project is closed: it no longer takes proposals."))
    return redirect("project_detail", project_id)


@login_required
def job_feed(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Freelancers see projects ranked for them; anyone else is told what the feed is and how to get one."""
    user = request.user
    if not user.is_freelancer:
        return render(request, "jobs/feed.html", {"refused": True}, status=403)
    page = Paginator(feed.job_feed(freelancer=user), PAGE_SIZE).get_page(request.GET.get("page"))
    feed.details_load(page.object_list)
    return render(request, "jobs/feed.html", {"page": page, "refused": False})


@login_required
@require_POST
def project_invite(request: AuthenticatedHttpRequest, project_id: int | None = None) -> HttpResponse:
    """From the project page (a username) or a freelancer's profile (a choice of the client's open projects)."""
    form = InvitationForm(request.POST)
    if not form.is_valid():
        raise InvalidInput(_("Please correct the highlighted fields."), fields=field_errors(form.errors))
    from_profile = project_id is None
    target = form.cleaned_data["project"] if from_profile else project_id
    username = form.cleaned_data["freelancer"]
    try:
        services.invitation_send(project_id=target or 0, freelancer_username=username, by=request.user)
    except InvalidInput as error:
        messages.error(request, error.fields.get("freelancer", [error.message])[0])
    except Conflict as error:
        if error.code != "already_invited":
            raise
        messages.info(request, error.message)
    else:
        messages.success(request, _("Invitation sent: %(name)s can now see the project.") % {"name": username})
    if from_profile:
        return redirect("public_profile", username) if _is_username(username) else redirect("projects")
    return redirect("project_detail", project_id)


def _posted(request: HttpRequest) -> tuple[Any, Any]:
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _is_username(value: str) -> bool:
    return bool(value) and "/" not in value


def _form_page(request: HttpRequest, form: ProjectForm, *, project: Project | None) -> HttpResponse:
    category = str(form["category"].value() or "")
    return render(
        request,
        "jobs/project_form.html",
        {"form": form, "project": project, "insight": _insight(form, category)},
        status=400 if form.errors else 200,
    )


def _insight(form: ProjectForm, category: str) -> WorkInsight | None:
    budget_type, currency = str(form["budget_type"].value() or ""), str(form["currency"].value() or "")
    return form_insight(category=category, budget_type=budget_type, currency=currency)


def rate_insight(request: HttpRequest) -> HttpResponse:
    """htmx fragment for the posting form: what work like the one described (category, fixed or hourly, currency)
    goes for."""
    found = form_insight(
        category=request.GET.get("category", ""),
        budget_type=request.GET.get("budget_type", ""),
        currency=request.GET.get("currency", ""),
    )
    return render(request, "jobs/_rate_insight.html", {"insight": found})
