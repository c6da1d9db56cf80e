from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from openhour import views
from openhour.accounts import views as accounts
from openhour.api.router import api, unknown_endpoint
from openhour.catalog import views as catalog
from openhour.jobs import views as jobs

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("me/profile", accounts.profile_edit, name="profile_edit"),
    path("me/photo", accounts.photo_upload, name="photo_upload"),
    path("me/photo/remove", accounts.photo_remove, name="photo_remove"),
    path("me/roles", accounts.role_add, name="role_add"),
    path("me/portfolio", accounts.portfolio, name="portfolio"),
    path("me/portfolio/<int:item_id>", accounts.portfolio_item_edit, name="portfolio_item_edit"),
    path("me/portfolio/<int:item_id>/move", accounts.portfolio_item_move, name="portfolio_item_move"),
    path("me/portfolio/<int:item_id>/delete", accounts.portfolio_item_delete, name="portfolio_item_delete"),
    path("me/tokens", accounts.tokens, name="tokens"),
    path("me/tokens/<int:token_id>/revoke", accounts.token_revoke, name="token_revoke"),
    path("u/<str:username>", accounts.public_profile, name="public_profile"),
    path("freelancers", accounts.freelancers, name="freelancers"),
    path("projects", jobs.projects, name="projects"),
    path("projects/new", jobs.project_new, name="project_new"),
    path("projects/<int:project_id>", jobs.project_detail, name="project_detail"),
    path("projects/<int:project_id>/edit", jobs.project_edit, name="project_edit"),
    path("projects/<int:project_id>/close", jobs.project_close, name="project_close"),
    path("projects/<int:project_id>/invite", jobs.project_invite, name="project_invite"),
    path("projects/invite", jobs.project_invite, name="project_invite_from_profile"),
    path("feed", jobs.job_feed, name="job_feed"),
    path("skills/suggest", catalog.skill_suggest, name="skill_suggest"),
    path("insights/rates", jobs.rate_insight, name="rate_insight"),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", unknown_endpoint),
    path("admin/", admin.site.urls),
]
if not settings.S3_BUCKET:
    # Local media (re-encoded images under random names) is served by Django; S3 serves its own.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", views.media)]
