from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from openhour import views
from openhour.accounts import mfa_reset
from openhour.accounts import security_views as security
from openhour.accounts import views as accounts
from openhour.api.router import api, unknown_endpoint
from openhour.catalog import hourlie_views as hourlies
from openhour.catalog import views as catalog
from openhour.contracts import views as contracts
from openhour.jobs import proposal_views as proposals
from openhour.jobs import views as jobs
from openhour.money import payment_views
from openhour.money import views as money

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # allauth's own sessions list is this one page, with tokens beside the sessions.
    path("accounts/sessions/", RedirectView.as_view(pattern_name="security"), name="usersessions_list"),
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
    path("operations/second-factor", mfa_reset.second_factor_reset_page, name="second_factor_reset"),
    path("me/tokens/<int:token_id>/revoke", accounts.token_revoke, name="token_revoke"),
    path("me/security", security.security, name="security"),
    path("me/security/sessions/<int:session_id>/end", security.session_end, name="session_end"),
    path("me/security/sessions/end-others", security.sessions_end_others, name="sessions_end_others"),
    path("me/security/tokens/<int:token_id>/revoke", security.token_revoke, name="security_token_revoke"),
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
    path("projects/<int:project_id>/proposals", proposals.project_proposals, name="project_proposals"),
    path("projects/<int:project_id>/propose", proposals.proposal_new, name="proposal_new"),
    path("proposals", proposals.my_proposals, name="my_proposals"),
    path("proposals/<int:proposal_id>", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:proposal_id>/edit", proposals.proposal_edit, name="proposal_edit"),
    path("proposals/<int:proposal_id>/withdraw", proposals.proposal_withdraw, name="proposal_withdraw"),
    path("proposals/<int:proposal_id>/shortlist", proposals.proposal_shortlist, name="proposal_shortlist"),
    path("proposals/<int:proposal_id>/decline", proposals.proposal_decline, name="proposal_decline"),
    path("proposals/<int:proposal_id>/accept", proposals.proposal_accept, name="proposal_accept"),
    path("contracts/<int:contract_id>", contracts.contract_detail, name="contract_detail"),
    path("contracts/<int:contract_id>/end", contracts.contract_end, name="contract_end"),
    path("milestones/<int:milestone_id>/fund", contracts.milestone_fund, name="milestone_fund"),
    path("milestones/<int:milestone_id>/release", contracts.milestone_release, name="milestone_release"),
    path("milestones/<int:milestone_id>/refund", contracts.milestone_refund, name="milestone_refund"),
    path("milestones/<int:milestone_id>/submit", contracts.milestone_submit, name="milestone_submit"),
    path(
        "milestones/<int:milestone_id>/request-changes",
        contracts.milestone_request_changes,
        name="milestone_request_changes",
    ),
    path("deliveries/files/<int:file_id>", contracts.delivery_file, name="delivery_file"),
    path("hourlies", hourlies.hourlies, name="hourlies"),
    path("hourlies/new", hourlies.hourlie_new, name="hourlie_new"),
    path("hourlies/<int:hourlie_id>", hourlies.hourlie_detail, name="hourlie_detail"),
    path("hourlies/<int:hourlie_id>/edit", hourlies.hourlie_edit, name="hourlie_edit"),
    path("hourlies/<int:hourlie_id>/pause", hourlies.hourlie_pause, name="hourlie_pause"),
    path("hourlies/<int:hourlie_id>/resume", hourlies.hourlie_resume, name="hourlie_resume"),
    path("hourlies/<int:hourlie_id>/remove", hourlies.hourlie_remove, name="hourlie_remove"),
    path("orders/<int:order_id>", hourlies.order_detail, name="order_detail"),
    path("orders/<int:order_id>/cancel", hourlies.order_cancel, name="order_cancel"),
    path("orders/<int:order_id>/pay", hourlies.order_pay, name="order_pay"),
    path("skills/suggest", catalog.skill_suggest, name="skill_suggest"),
    path("insights/rates", jobs.rate_insight, name="rate_insight"),
    path("fees", money.fees, name="fees"),
    # Each money area lists its own full paths: /wallet..., /wallet/payouts..., /wallet/invoices..., /webhooks/...
    path("", include("openhour.money.urls_wallet")),
    path("", include("openhour.money.urls_payouts")),
    path("", include("openhour.money.urls_invoices")),
    path("", include("openhour.money.urls_webhooks")),
    # Contract parts, each with its full paths: offers, change orders, time sheets, disputes, dashboards.
    path("", include("openhour.contracts.urls_offers")),
    path("", include("openhour.contracts.change_orders.urls")),
    path("", include("openhour.contracts.hourly.urls")),
    path("", include("openhour.contracts.disputes.urls")),
    path("", include("openhour.contracts.dashboard.urls")),
    # Messages, notifications, blocks and reports, each with its full paths.
    path("", include("openhour.messaging.conversations.urls")),
    path("", include("openhour.messaging.notifications.urls")),
    path("", include("openhour.messaging.safety.urls")),
    # Reviews: writing and replying, public reputation and /trust/reviews, the showcase, insights.
    path("", include("openhour.reviews.urls_write")),
    path("", include("openhour.reviews.urls_public")),
    path("", include("openhour.reviews.urls_showcase")),
    path("", include("openhour.reviews.urls_insights")),
    # Review integrity: flags and moderation, sanctions, the transparency report, off-platform testimonials.
    path("", include("openhour.reviews.integrity.urls_moderation")),
    path("", include("openhour.reviews.integrity.urls_sanctions")),
    path("", include("openhour.reviews.integrity.urls_transparency")),
    path("", include("openhour.reviews.integrity.urls_testimonials")),
    path("payments/<uuid:payment_id>/authenticate", payment_views.payment_authenticate, name="payment_authenticate"),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", unknown_endpoint),
    path("admin/", admin.site.urls),
]
if not settings.S3_BUCKET:
    # Local media (re-encoded images under random names) is served by Django; S3 serves its own.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", views.media)]

handler429 = "openhour.lib.web.rate_limited_page"  # allauth's limits answer with it (Retry-After)
