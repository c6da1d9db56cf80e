"""Reads for the files on a project's brief and on proposals, and who may open them.

A brief's files, as on PeoplePerHour: the project's client, operators, and signed-in freelancers who can see the
project (any for a public one; the invited for an invite-only one). Never a signed-out visitor or a search engine,
never another client: the project page shows them that files exist, not what they are. A proposal's files: only
its freelancer, the project's client and operators, as the proposal itself.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from openhour.accounts.models import User
from openhour.jobs.models import Project, ProjectFile, Proposal, ProposalFile
from openhour.jobs.selectors.projects import visible_to
from openhour.lib.ids import pk_or_none


def _brief_readers(viewer: User | AnonymousUser | None) -> Q | None:
    """The projects whose brief files `viewer` may open, as a filter on Project; None for none at all."""
    if viewer is None or not viewer.is_authenticated:
        return None
    if viewer.is_staff:
        return Q()
    if viewer.is_freelancer:
        return visible_to(viewer)
    return Q(client_id=viewer.pk)


def may_open_brief_files(*, project: Project, viewer: User | AnonymousUser | None) -> bool:
    """For a project the viewer can already see (the caller checked): may they open its brief's files?"""
    if viewer is None or not viewer.is_authenticated:
        return False
    return bool(viewer.is_staff or viewer.is_freelancer or project.client_id == viewer.pk)


def project_files(*, project: Project, viewer: User | AnonymousUser | None) -> list[ProjectFile] | None:
    """The brief's files for someone who may open them; None for anyone else (they learn only how many)."""
    if not may_open_brief_files(project=project, viewer=viewer):
        return None
    return list(project.files.all())


def project_file_for(*, file_id: int | str, viewer: User | AnonymousUser | None) -> ProjectFile | None:
    readers = _brief_readers(viewer)
    pk = pk_or_none(file_id)
    if readers is None or pk is None:
        return None
    return ProjectFile.objects.filter(pk=pk, project__in=Project.objects.filter(readers)).first()


def proposal_file_for(*, file_id: int | str, viewer: User | AnonymousUser | None) -> ProposalFile | None:
    pk = pk_or_none(file_id)
    if pk is None or viewer is None or not viewer.is_authenticated:
        return None
    parties = Q() if viewer.is_staff else Q(freelancer_id=viewer.pk) | Q(project__client_id=viewer.pk)
    return ProposalFile.objects.filter(pk=pk, proposal__in=Proposal.objects.filter(parties)).first()
