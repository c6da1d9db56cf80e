"""Notifications over HTTP: the centre's list, marking read, and preferences per kind."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from openhour.api.auth import current_user
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import Input, Page
from openhour.messaging.models import Notification, NotificationPreference
from openhour.messaging.notifications import kinds, selectors, services

router = Router(tags=["messages"])


class NotificationOut(Schema):
    id: str
    kind: str = Field(description="What happened: one of the kinds GET /notifications/preferences lists")
    title: str
    url: str = Field(description="The page it is about")
    created_at: datetime
    read_at: datetime | None


class NotificationPageOut(Page[NotificationOut]):
    unread: int = Field(description="All your unread notifications, not only this page's")


class NotificationsReadOut(Schema):
    read: list[str] = Field(description="The ids of yours that are now read")
    unread: int


class NotificationChannelsOut(Schema):
    channels: dict[str, str] = Field(description="Every kind -> email (in the app and by e-mail), in_app or off")


def notification_out(notification: Notification) -> dict[str, Any]:
    return {
        "id": str(notification.pk),
        "kind": notification.kind,
        "title": notification.title,
        "url": notification.url,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
    }


@router.get("/notifications", response=NotificationPageOut)
def notification_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """Your notifications, newest first, with how many are unread."""
    user = current_user(request)
    rows = selectors.notifications_of(user=user)
    page = paginate(rows, cursor=query.cursor, limit=query.limit, serialize=notification_out)
    return page | {"unread": selectors.unread_notifications_count(user=user)}


class ReadIn(Input):
    ids: list[str] = Field(max_length=500, description="Ids of your notifications; other ids are ignored")


@router.post("/notifications/read", response=NotificationsReadOut)
def notification_read(request: HttpRequest, payload: ReadIn) -> dict[str, Any]:
    """Mark your notifications read. Ids that are not yours are ignored (never an error that would tell they
    exist); `read` lists the ids of yours that are now read."""
    user = current_user(request)
    done = services.notifications_mark_read(user=user, ids=payload.ids)
    return {"read": [str(pk) for pk in done], "unread": selectors.unread_notifications_count(user=user)}


@router.get("/notifications/preferences", response=NotificationChannelsOut)
def preference_list(request: HttpRequest) -> dict[str, Any]:
    """How each kind reaches you: `email` (in the app and by e-mail), `in_app` or `off`."""
    return {"channels": selectors.preferences_of(user=current_user(request))}


class PreferencesIn(Input):
    # Stated, not checked, here: the service names each unknown kind or channel.
    channels: dict[str, str] = Field(
        description="kind -> email, in_app or off; kinds left out stay as they are",
        json_schema_extra={
            "propertyNames": {"enum": list(kinds.KINDS)},
            "additionalProperties": {"enum": [choice.value for choice in NotificationPreference.Channel]},
        },
    )


@router.put("/notifications/preferences", response=NotificationChannelsOut)
def preference_update(request: HttpRequest, payload: PreferencesIn) -> dict[str, Any]:
    user = current_user(request)
    services.preferences_set(user=user, channels=payload.channels)
    return {"channels": selectors.preferences_of(user=user)}
