"""Pages of projects, invitations, the job feed, proposals and the market-rate insight."""

from django.urls import URLPattern, path

from openhour.jobs.views import attachments, projects, proposals

urlpatterns: list[URLPattern] = [
    path("projects", projects.projects, name="projects"),
    path("projects/new", projects.project_new, name="project_new"),
    path("projects/<int:project_id>", projects.project_detail, name="project_detail"),
    path("projects/<int:project_id>/edit", projects.project_edit, name="project_edit"),
    path("projects/<int:project_id>/close", projects.project_close, name="project_close"),
    path("projects/<int:project_id>/invite", projects.project_invite, name="project_invite"),
    path("projects/invite", projects.project_invite, name="project_invite_from_profile"),
    path("feed", projects.job_feed, name="job_feed"),
    path("projects/<int:project_id>/proposals", proposals.project_proposals, name="project_proposals"),
    path("projects/<int:project_id>/propose", proposals.proposal_new, name="proposal_new"),
    path("proposals", proposals.my_proposals, name="my_proposals"),
    path("proposals/<int:proposal_id>", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:proposal_id>/edit", proposals.proposal_edit, name="proposal_edit"),
    path("proposals/<int:proposal_id>/withdraw", proposals.proposal_withdraw, name="proposal_withdraw"),
    path("proposals/<int:proposal_id>/shortlist", proposals.proposal_shortlist, name="proposal_shortlist"),
    path("proposals/<int:proposal_id>/decline", proposals.proposal_decline, name="proposal_decline"),
    path("proposals/<int:proposal_id>/accept", proposals.proposal_accept, name="proposal_accept"),
    path("insights/rates", projects.rate_insight, name="rate_insight"),
    path("projects/files/<int:file_id>", attachments.project_file, name="project_file"),
    path("proposals/files/<int:file_id>", attachments.proposal_file, name="proposal_file"),
]
