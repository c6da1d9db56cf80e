"""Downloads of the files on a project's brief and on proposals, for the people jobs.selectors.attachments names.
Anyone else is told the file does not exist."""

from django.contrib.auth.decorators import login_required
from django.http.response import HttpResponseBase

from openhour.jobs.selectors import attachments as selectors
from openhour.lib import private_files
from openhour.lib.web import AuthenticatedHttpRequest


@login_required
def project_file(request: AuthenticatedHttpRequest, file_id: int) -> HttpResponseBase:
    return private_files.serve_found(selectors.project_file_for(file_id=file_id, viewer=request.user))


@login_required
def proposal_file(request: AuthenticatedHttpRequest, file_id: int) -> HttpResponseBase:
    return private_files.serve_found(selectors.proposal_file_for(file_id=file_id, viewer=request.user))
