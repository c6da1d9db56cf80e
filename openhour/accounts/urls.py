"""Pages of people: my profile, photo, roles and portfolio, API tokens, security, public profiles."""

from django.urls import URLPattern, path

from openhour.accounts import mfa_reset
from openhour.accounts.views import profiles, security

urlpatterns: list[URLPattern] = [
    path("me/profile", profiles.profile_edit, name="profile_edit"),
    path("me/photo", profiles.photo_upload, name="photo_upload"),
    path("me/photo/remove", profiles.photo_remove, name="photo_remove"),
    path("me/roles", profiles.role_add, name="role_add"),
    path("me/portfolio", profiles.portfolio, name="portfolio"),
    path("me/portfolio/<int:item_id>", profiles.portfolio_item_edit, name="portfolio_item_edit"),
    path("me/portfolio/<int:item_id>/move", profiles.portfolio_item_move, name="portfolio_item_move"),
    path("me/portfolio/<int:item_id>/delete", profiles.portfolio_item_delete, name="portfolio_item_delete"),
    path("me/tokens", profiles.tokens, name="tokens"),
    path("operations/second-factor", mfa_reset.second_factor_reset_page, name="second_factor_reset"),
    path("me/tokens/<int:token_id>/revoke", profiles.token_revoke, name="token_revoke"),
    path("me/security", security.security, name="security"),
    path("me/security/sessions/<int:session_id>/end", security.session_end, name="session_end"),
    path("me/security/sessions/end-others", security.sessions_end_others, name="sessions_end_others"),
    path("me/security/tokens/<int:token_id>/revoke", security.token_revoke, name="security_token_revoke"),
    path("u/<str:username>", profiles.public_profile, name="public_profile"),
    path("freelancers", profiles.freelancers, name="freelancers"),
]
