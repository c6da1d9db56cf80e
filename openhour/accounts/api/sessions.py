"""Signed-in sessions over HTTP: list them, end one (which signs it out)."""

from datetime import datetime
from typing import Any

from allauth.usersessions.models import UserSession
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from openhour.accounts import access
from openhour.api.auth import current_user
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import Page

router = Router(tags=["accounts"])


class SessionOut(Schema):
    id: str
    current: bool = Field(description="The session this request was made in")
    ip: str | None = Field(description="The address last seen; null for a session from before addresses were kept")
    user_agent: str
    device: str = Field(description='Read from the user agent, e.g. "Firefox on Linux"')
    created_at: datetime
    last_seen_at: datetime


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


@router.get("/me/sessions", response=Page[SessionOut])
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
