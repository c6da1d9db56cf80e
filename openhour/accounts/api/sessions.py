"""Signed-in sessions over HTTP: list them, end one (which signs it out)."""

from typing import Any

from allauth.usersessions.models import UserSession
from django.http import HttpRequest
from ninja import Query, Router, Status

from openhour.accounts import access
from openhour.api.auth import current_user
from openhour.api.pagination import PageQuery, paginate

router = Router(tags=["accounts"])


def _session_out(session: UserSession, current: str | None) -> dict[str, Any]:
    return {
        "id": str(session.pk),
        "current": session.session_key == current,
        "ip": None if session.ip == access.UNKNOWN_ADDRESS else session.ip,
        "user_agent": session.user_agent,
        "device": access.device_of(session.user_agent),
        "created_at": session.created_at,
        "last_seen_at": session.last_seen_at,
    }


@router.get("/me/sessions")
def session_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """A request made with a token belongs to no session, so no item is `current` then."""
    user = current_user(request)
    current = access.current_session_key(request, user)
    rows = access.sessions_of(user=user)
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=lambda row: _session_out(row, current))


@router.delete("/me/sessions/{session_id}", response={204: None})
def session_end(request: HttpRequest, session_id: str) -> Status[None]:
    access.session_end(user=current_user(request), session_id=session_id, request=request)
    return Status(204, None)
