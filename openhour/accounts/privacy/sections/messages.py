"""The person's conversations (messages sent and received, the other person by display name), files they sent,
the people they blocked or reported, and their notifications."""

from typing import Any

from django.db.models import Q

from openhour.accounts.models import User
from openhour.messaging.models import (
    Block,
    Conversation,
    Message,
    MessageAttachment,
    Notification,
    NotificationPreference,
    Participant,
    Report,
    Responsiveness,
    Upload,
)

from .base import ArchiveFile, file_of, path_or_none, present, rows, someone

KEY = "messages"
MODELS: tuple[str, ...] = ("messaging.Conversation", "messaging.Participant", "messaging.Message", "messaging.Upload")
MODELS += ("messaging.Block", "messaging.Report", "messaging.Responsiveness", "messaging.Notification")
MODELS += ("messaging.NotificationPreference",)


def section(user: User) -> dict[str, Any]:
    return {
        "conversations": [_conversation(c, user) for c in _conversations(user)],
        "uploads": [_upload(upload) for upload in Upload.objects.filter(owner=user).order_by("pk")],
        "blocked": [
            {"person": someone(block.blocked), "at": block.created_at}
            for block in Block.objects.filter(blocker=user).select_related("blocked")
        ],
        # Reports the person made; reports about them stay with the operators, to protect whoever reported.
        "reports_made": [
            {"person": someone(r.person), "reason": r.reason, "text": r.text, "status": r.status, "at": r.created_at}
            for r in Report.objects.filter(reporter=user).select_related("person")
        ],
        "responsiveness": rows(Responsiveness.objects.filter(user=user), "median_minutes", "sample", "updated_at"),
        "notifications": [_notification(n) for n in Notification.objects.filter(user=user)],
        "notification_preferences": rows(NotificationPreference.objects.filter(user=user), "kind", "channel"),
    }


def _conversations(user: User) -> Any:
    mine = Conversation.objects.filter(Q(first=user) | Q(second=user)).select_related("first", "second")
    return mine.order_by("pk").prefetch_related("messages__attachments")


def _conversation(conversation: Conversation, user: User) -> dict[str, Any]:
    other = conversation.second if conversation.first_id == user.pk else conversation.first
    side = Participant.objects.filter(conversation=conversation, user=user).first()
    return {
        "with": someone(other),
        "started_at": conversation.created_at,
        "last_read_at": side.last_read_at if side else None,
        "messages": [_message(message, user, other) for message in conversation.messages.all()],
    }


def _message(message: Message, user: User, other: User) -> dict[str, Any]:
    sent = message.sender_id == user.pk
    return {
        "from": "you" if sent else someone(other),
        "text": message.text,
        "at": message.created_at,
        "project_id": message.project_id,
        "contract_id": message.contract_id,
        "attachments": [
            {"name": a.name, "size": a.size, "file": path_or_none("messages", a, a.file, a.name) if sent else None}
            for a in message.attachments.all()
        ],
    }


def _upload(upload: Upload) -> dict[str, Any]:
    return {
        "name": upload.name,
        "size": upload.size,
        "content_type": upload.content_type,
        "created_at": upload.created_at,
        "file": path_or_none("uploads", upload, upload.file, upload.name),
    }


def _notification(notification: Notification) -> dict[str, Any]:
    return {
        "kind": notification.kind,
        "title": notification.title,  # in the person's language: the archive is built as they read
        "body": notification.body,
        "url": notification.url,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
        "emailed_at": notification.emailed_at,
    }


def files(user: User) -> list[ArchiveFile]:
    attachments = MessageAttachment.objects.filter(message__sender=user)
    uploads = Upload.objects.filter(owner=user)
    return present(
        [
            *(file_of("messages", a, a.file, a.name) for a in attachments),
            *(file_of("uploads", u, u.file, u.name) for u in uploads),
        ]
    )
