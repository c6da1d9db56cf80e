"""Downloads of the files on a project's brief and on proposals, for the people jobs.selectors.attachments names.
Anyone else is told the file does not exist."""

from django.contrib.auth.decorators import login_required
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from openhour.jobs.selectors import attachments as selectors
from openhour.lib import private_files
from openhour.lib.errors import NotFound
from openhour.lib.web import AuthenticatedHttpRequest


@login_required
def project_file(request: AuthenticatedHttpRequest, file_id: int) -> HttpResponseBase:
    found = selectors.project_file_for(file_id=file_id, viewer=request.user)
    if found is None:
        raise NotFound(_("No such file."))
    return private_files.serve(found.file, name=found.name)


@login_required
def proposal_file(request: AuthenticatedHttpRequest, file_id: int) -> HttpResponseBase:
    found = selectors.proposal_file_for(file_id=file_id, viewer=request.user)
    if found is None:
        raise NotFound(_("No such file."))
    return private_files.serve(found.file, name=found.name)
