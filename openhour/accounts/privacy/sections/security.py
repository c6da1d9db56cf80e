"""How the person signs in and who looked at their data: API tokens, sessions, access records, the access log."""

from typing import Any

from allauth.usersessions.models import UserSession

from openhour.accounts.models import AccessToken, User
from openhour.accounts.privacy.models import Export, PersonalDataAccess
from openhour.reviews.integrity.models import AccessRecord

from .base import rows

KEY = "security"
MODELS = (
    "accounts.AccessToken",
    "usersessions.UserSession",
    "integrity.AccessRecord",
    "privacy.Export",
    "privacy.PersonalDataAccess",
)


def section(user: User) -> dict[str, Any]:
    return {
        # Names and dates only: never the token, its digest or its prefix.
        "api_tokens": rows(AccessToken.objects.filter(user=user), "label", "created_at", "last_used_at"),
        # Never the session key or its stored data: either would let someone sign in as the person.
        "sessions": rows(UserSession.objects.filter(user=user), "created_at", "last_seen_at", "ip", "user_agent"),
        "access_records": rows(
            AccessRecord.objects.filter(user=user).order_by("-created_at"),
            "kind",
            "door",
            "ip",
            "device",
            "agent",
            "created_at",
        ),
        "personal_data_accesses": [_access(access, user) for access in _accesses(user)],
        "archives": rows(Export.objects.filter(user=user), "status", "created_at", "ready_at", "expires_at"),
    }


def _accesses(user: User) -> Any:
    return PersonalDataAccess.objects.filter(subject=user).select_related("by")


def _access(access: PersonalDataAccess, user: User) -> dict[str, Any]:
    """Who: the person themself, an operator or the system; an operator's own address is theirs, not shown."""
    mine = access.by_id == user.pk
    by = "you" if mine else "operator" if access.by_id or access.by_label else "system"
    return {"what": access.what, "by": by, "at": access.at, "ip": access.ip if mine else None}
