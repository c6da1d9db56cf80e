"""Writes for projects: post, edit while open, close, expire when the timer fires, invite freelancers."""

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.catalog.models import Skill
from openhour.catalog.selectors.taxonomy import category_from_slug, skills_from_slugs
from openhour.jobs.locks import lock_project
from openhour.jobs.models import Invitation, Project, ProjectTimer
from openhour.jobs.services.attachments import project_files_attach, project_files_remove
from openhour.jobs.services.proposals import proposals_release
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound, field_errors
from openhour.lib.ids import pk_or_404
from openhour.lib.money import MINOR_UNITS, format_number
from openhour.lib.process import CLIENT, OPERATOR, SYSTEM, timers_cancel, timers_fire_due, transition
from openhour.messaging.notifications.events import notify_invited
from openhour.search import documents

MAX_PROJECT_SKILLS = 10
EDITABLE = {
    "title",
    "description",
    "category",
    "skills",
    "budget_type",
    "budget_min",
    "budget_max",
    "currency",
    "deadline",
    "visibility",
    "max_proposals",
}


def project_post(*, client: User, files: Sequence[UploadedFile] = (), **fields: Any) -> Project:
    """A verified client posts a project, with files for its brief; it takes proposals until closed, hired or
    expired."""
    project_post_check(client=client)
    with transaction.atomic():
        project = Project(client=client)
        skills = _apply(project, fields)
        project.save()
        project.skills.set(skills or [])
        project_files_attach(project=project, files=files)
        documents.refresh(project)
        project.events.create(actor=CLIENT, by=client, action="post", from_status="", to_status=project.status)
        days = settings.PROJECT_EXPIRY_DAYS
        project.timers.create(action="expire", due_at=timezone.now() + timedelta(days=days))
    return project


def project_post_check(*, client: User) -> None:
    """Who may post: a verified client. The page asks first, so nobody fills in a form in vain."""
    require_verified_email(client)
    if not client.is_client:
        raise NotAllowed(_("Only clients post projects: add the client role to your account first."))


def project_update(
    *,
    project_id: int | str,
    by: User,
    files: Sequence[UploadedFile] = (),
    remove_files: Sequence[int | str] = (),
    **fields: Any,
) -> Project:
    """The client edits an open project: its fields, and its brief's files (`remove_files` go before `files` come)."""
    with transaction.atomic():
        project = _locked_own(project_id, by)
        if project.status != Project.Status.OPEN:
            raise Conflict(_("Only open projects can be edited."), code=f"project_{project.status}")
        skills = _apply(project, fields)
        project.save()
        if skills is not None:
            project.skills.set(skills)
        project_files_remove(project=project, ids=remove_files)
        project_files_attach(project=project, files=files)
        documents.refresh(project)
    return project


def project_close(*, project_id: int | str, by: User, note: str = "") -> Project:
    with transaction.atomic():
        project = _locked(project_id)
        actor = _closer(project, by)
        transition(obj=project, action="close", actor=actor, by=by, note=note)
        timers_cancel(obj=project)
        proposals_release(project=project, note=gettext_noop("The project was closed without a hire."))
    return project


def _closer(project: Project, by: User) -> str:
    if project.client_id == by.pk:
        return CLIENT
    if by.is_staff:
        return OPERATOR
    raise NotFound(_("No such project."))


def projects_expire_due() -> int:
    """Run by the timer worker: expire open projects whose time is up."""
    return timers_fire_due(timer_model=ProjectTimer, fire=_fire)


def _fire(timer: ProjectTimer) -> None:
    project = Project.objects.select_for_update().get(pk=timer.project_id)
    if (project.status, timer.action) in Project.TRANSITIONS:
        transition(obj=project, action=timer.action, actor=SYSTEM)
        if project.status in (Project.Status.CLOSED, Project.Status.EXPIRED):
            proposals_release(project=project, note=gettext_noop("The project expired without a hire."))


def _locked(project_id: int | str) -> Project:
    return lock_project(pk_or_404(project_id, _("No such project.")))


def _locked_own(project_id: int | str, by: User) -> Project:
    project = _locked(project_id)
    if project.client_id != by.pk:
        raise NotFound(_("No such project."))  # others' projects answer like missing ones
    return project


def _apply(project: Project, fields: dict[str, Any]) -> list[Skill] | None:
    """Set the given fields, validate the whole project, and return its skills (None: unchanged)."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"not project fields: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    skill_slugs = fields.pop("skills", None)
    if "category" in fields:
        project.category = category_from_slug(fields.pop("category"), errors)  # type: ignore[assignment]
    for name, value in fields.items():
        setattr(project, name, value)
    skills = skills_from_slugs(skill_slugs, errors, limit=MAX_PROJECT_SKILLS) if skill_slugs is not None else None
    _validate(project, errors)
    if fields.get("deadline") and fields["deadline"] < timezone.localdate():
        errors.setdefault("deadline", [_("The deadline cannot be in the past.")])
    if errors:
        raise InvalidInput(_("Please correct the highlighted fields."), fields=errors)
    return skills


def _validate(project: Project, errors: dict[str, list[str]]) -> None:
    try:
        project.full_clean(exclude=["client", "category"] if "category" in errors else ["client"])
    except ValidationError as error:
        for name, messages in field_errors(error.message_dict).items():
            if name != "__all__":
                errors.setdefault(name, messages)
    ceiling = settings.AMOUNT_CEILING * MINOR_UNITS.get(project.currency, 100)
    low, high = project.budget_min, project.budget_max
    if isinstance(low, int) and low <= 0:
        errors.setdefault("budget_min", [_("A budget must be more than zero.")])
    if isinstance(high, int) and high > ceiling:
        errors.setdefault(
            "budget_max", [_("A budget can be at most %(n)s.") % {"n": format_number(settings.AMOUNT_CEILING)}]
        )
    if isinstance(low, int) and isinstance(high, int) and low > high:
        errors.setdefault("budget_max", [_("The most you will pay cannot be below the least.")])
    if project.max_proposals is not None and not 1 <= project.max_proposals <= 200:
        errors.setdefault("max_proposals", [_("Allow between 1 and 200 proposals, or leave it empty.")])


def invitation_send(*, project_id: int | str, freelancer_username: str, by: User) -> Invitation:
    """The project's client invites one active freelancer to an open project, once."""
    require_verified_email(by)
    with transaction.atomic():
        project = _locked_own(project_id, by)
        if project.status != Project.Status.OPEN:
            raise Conflict(_("Only open projects take invitations."), code=f"project_{project.status}")
        freelancer = User.objects.filter(username=str(freelancer_username).strip(), is_active=True).first()
        if freelancer is None or not freelancer.is_freelancer or freelancer.pk == by.pk:
            problem = _("Choose a freelancer by their username.")
            raise InvalidInput(problem, fields={"freelancer": [problem]})
        if Invitation.objects.filter(project=project, freelancer=freelancer).exists():
            raise Conflict(_("You have already invited this freelancer."), code="already_invited")
        invitation = Invitation.objects.create(project=project, freelancer=freelancer, invited_by=by)
        notify_invited(invitation)
    return invitation
