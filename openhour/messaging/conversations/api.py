"""Conversations over the API: the inbox, starting a conversation, reading (which marks it read) and writing."""

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from openhour.accounts.models import User
from openhour.api.auth import current_user
from openhour.api.bodies import AttachmentIds, JsonOrForm, form_also, form_files
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import FileOut, Input, Page, PersonOut
from openhour.lib.errors import InvalidInput
from openhour.messaging.conversations import selectors, services
from openhour.messaging.conversations.about import about_key
from openhour.messaging.models import Conversation, Message
from openhour.messaging.uploads.services import uploads_attached

router = Router(tags=["messages"])


class MessageOut(Schema):
    id: str
    sender: str = Field(description="The sender's username")
    text: str
    masked: bool = Field(description="Contact details were hidden: the two had no contract yet")
    about: str | None = Field(description="What it is about, such as `contract:12`; null for nothing in particular")
    created_at: datetime
    attachments: list[FileOut]


class ConversationOut(Schema):
    id: str
    with_: PersonOut = Field(alias="with")  # `with` is a Python keyword: operations answer by alias
    last_message_at: datetime | None
    last_message: str | None = Field(description="The last message's text")
    unread: int = Field(description="Messages from the other person since you last read the conversation")


class ConversationStartedOut(Schema):
    id: str = Field(description="The conversation's id")
    with_: PersonOut = Field(alias="with")
    message: MessageOut


def person_out(user: User) -> dict[str, str]:
    return {"username": user.username, "name": user.name}


def message_out(message: Message) -> dict[str, Any]:
    return {
        "id": str(message.pk),
        "sender": message.sender.username,
        "text": message.text,
        "masked": message.masked,
        "about": about_key(message) or None,
        "created_at": message.created_at,
        "attachments": [
            {"id": str(f.pk), "name": f.name, "size": f.size, "url": reverse("message_attachment", args=[f.pk])}
            for f in message.attachments.all()
        ],
    }


def _conversation_out(user: User) -> Callable[[Conversation], dict[str, Any]]:
    def out(conversation: Conversation) -> dict[str, Any]:
        other = conversation.second if conversation.first_id == user.pk else conversation.first
        return {
            "id": str(conversation.pk),
            "with": person_out(other),
            "last_message_at": conversation.last_message_at,
            "last_message": conversation.last_text,  # type: ignore[attr-defined]
            "unread": conversation.unread,  # type: ignore[attr-defined]
        }

    return out


@router.get("/conversations", response=Page[ConversationOut], by_alias=True)
def conversation_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """My conversations, newest activity first, with the last message and how many I have not read."""
    me = current_user(request)
    return paginate(selectors.inbox(user=me), cursor=query.cursor, limit=query.limit, serialize=_conversation_out(me))


class ConversationIn(Input):
    to: str = Field(min_length=1, max_length=150, description="The other person's username")
    project: str | None = Field(None, description="A project id the message is about")
    text: str = Field(min_length=1, max_length=5000)


@router.post("/conversations", response={201: ConversationStartedOut}, by_alias=True)
def conversation_start(request: HttpRequest, payload: ConversationIn) -> Status:
    """Write to someone: their conversation with you (made if needed) with this first message."""
    me = current_user(request)
    other = services.recipient(username=payload.to)
    about = f"project:{payload.project}" if payload.project else None
    try:
        message = services.message_send(to=other, by=me, text=payload.text, about=about)
    except InvalidInput as refused:  # this endpoint names the thing `project`
        if "about" in refused.fields:
            refused.fields["project"] = refused.fields.pop("about")
        raise
    body = {"id": str(message.conversation_id), "with": person_out(other), "message": message_out(message)}
    return Status(201, body)


@router.get("/conversations/{conversation_id}/messages", response=Page[MessageOut])
def message_list(request: HttpRequest, conversation_id: str, query: Query[PageQuery]) -> dict[str, Any]:
    """The conversation's messages, newest first; reading them marks the conversation read."""
    me = current_user(request)
    conversation = services.conversation_of(conversation_id=conversation_id, user=me)
    services.conversation_read(conversation=conversation, user=me)
    rows = selectors.messages_of(conversation=conversation).order_by("-created_at", "-id")
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=message_out)


class NewMessageIn(Input):
    text: str = Field(min_length=1, max_length=5000)
    attachments: AttachmentIds
    about: str = Field("", description="What the message is about, such as `contract:12`")


@router.post(
    "/conversations/{conversation_id}/messages", response={201: MessageOut}, openapi_extra=form_also(NewMessageIn)
)
def message_create(
    request: HttpRequest, conversation_id: str, payload: Annotated[NewMessageIn, JsonOrForm(...)]
) -> Status:
    """Write in a conversation: `text`, uploads to attach by id, an optional `about`. The multipart form
    (`text`, `about`, files as `attachments`) still works but is deprecated."""
    me = current_user(request)
    with uploads_attached(ids=payload.attachments, by=me) as uploaded:
        message = services.message_send(
            conversation_id=conversation_id,
            by=me,
            text=payload.text,
            files=[*form_files(request), *uploaded],
            about=payload.about or None,
        )
    return Status(201, message_out(message))
