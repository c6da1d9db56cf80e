"""The security page: where the person is signed in and their API tokens; ending either."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from openhour.accounts import access, selectors, services
from openhour.lib.web import AuthenticatedHttpRequest


@never_cache
@login_required
def security(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    current = access.current_session_key(request, user)
    sessions = [(session, access.device_of(session.user_agent)) for session in access.sessions_of(user=user)]
    return render(
        request,
        "accounts/security.html",
        {
            "sessions": sessions,
            "current_key": current,
            "tokens": selectors.access_tokens(user=user),
            "others": sum(1 for session, _device in sessions if session.session_key != current),
            "unknown_address": access.UNKNOWN_ADDRESS,
        },
    )


@login_required
@require_POST
def session_end(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    access.session_end(user=request.user, session_id=session_id, request=request)
    if not request.user.is_authenticated:  # that was this browser's own session
        return redirect("account_login")
    messages.success(request, _("That session is signed out."))
    return redirect("security")


@login_required
@require_POST
def sessions_end_others(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = access.sessions_end_others(user=request.user, request=request)
    messages.success(
        request, ngettext("%(n)d other session signed out.", "%(n)d other sessions signed out.", count) % {"n": count}
    )
    return redirect("security")


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    services.access_token_revoke(user=request.user, token_id=token_id)
    messages.success(request, _("Token revoked: it no longer works."))
    return redirect("security")
