"""Reads for conversations: unread counts, the inbox, the work stream, private files, and the polling stamp."""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Prefetch, QuerySet, Sum

from openhour.accounts.models import User
from openhour.contracts.models import ContractEvent, MilestoneEvent
from openhour.jobs.models import ProposalEvent
from openhour.lib.ids import pk_or_none
from openhour.messaging.conversations.about import contracts_between, proposals_between
from openhour.messaging.models import Conversation, Message, MessageAttachment, Participant


def unread_messages_count(*, user: User) -> int:
    """How many messages from others the person has not read yet, across all conversations: the sum of the
    counts their sides keep, over the sides with something unread only (one query on a partial index)."""
    total = Participant.objects.filter(user=user, unread__gt=0).aggregate(n=Sum("unread"))["n"]
    return int(total or 0)


def inbox(*, user: User) -> QuerySet[Conversation]:
    """My conversations, newest activity first, each with the last message and my unread count: a walk of my
    sides of conversations by activity, joining the page's rows only."""
    return (
        Conversation.objects.filter(participants__user=user)
        .prefetch_related(*(Prefetch(side, User.objects.select_related("profile")) for side in ("first", "second")))
        .annotate(
            unread=F("participants__unread"),
            activity=F("participants__activity"),
            last_text=F("last_message__text"),
            last_sender_id=F("last_message__sender_id"),
        )
        .order_by("-activity", "-id")
    )


def with_other(conversations: list[Conversation], user: User) -> list[Conversation]:
    """Each conversation gets `.other`: the person on the other side."""
    for conversation in conversations:
        conversation.other = conversation.second if conversation.first_id == user.pk else conversation.first  # type: ignore[attr-defined]
    return conversations


@dataclass
class StreamItem:
    """One line of the work stream: a message, or a step of one of the pair's proposals or contracts."""

    when: datetime
    kind: str  # "message", "proposal", "contract" or "milestone"
    item: Any


@dataclass
class Stream:
    items: list[StreamItem]
    earlier: bool  # older messages (and the steps between them) are left out


STREAM_MESSAGES = 100  # the latest ones; the page offers the rest on request


def messages_of(*, conversation: Conversation) -> QuerySet[Message]:
    return (
        Message.objects.filter(conversation=conversation)
        .select_related("sender", "project", "proposal__project", "contract")
        .prefetch_related("attachments")
    )


def work_stream(*, conversation: Conversation, everything: bool = False) -> Stream:
    """The pair's messages interleaved in time with the events of their proposals and contracts: the latest
    STREAM_MESSAGES messages and the steps since the first of them, or everything."""
    a, b = conversation.first_id, conversation.second_id
    latest = messages_of(conversation=conversation).order_by("-created_at", "-id")
    found = list(latest if everything else latest[: STREAM_MESSAGES + 1])
    earlier = len(found) > STREAM_MESSAGES and not everything
    messages = found[:STREAM_MESSAGES] if earlier else found
    since = {"created_at__gte": messages[-1].created_at} if earlier else {}
    items = [StreamItem(m.created_at, "message", m) for m in messages]
    proposals, contracts = proposals_between(a, b).values("pk"), contracts_between(a, b).values("pk")
    offers = ProposalEvent.objects.filter(proposal__in=proposals, **since).exclude(action="edit")
    items += [StreamItem(e.created_at, "proposal", e) for e in offers.select_related("proposal__project")]
    events = ContractEvent.objects.filter(contract__in=contracts, **since).select_related("contract")
    items += [StreamItem(e.created_at, "contract", e) for e in events]
    steps = MilestoneEvent.objects.filter(milestone__contract__in=contracts, **since)
    items += [StreamItem(e.created_at, "milestone", e) for e in steps.select_related("milestone__contract")]
    return Stream(sorted(items, key=lambda entry: (entry.when, entry.kind != "message")), earlier)


def attachment_for(*, file_id: int | str, user: User | AnonymousUser) -> MessageAttachment | None:
    """A message's file, for the two people in its conversation only."""
    pk = pk_or_none(file_id)
    if pk is None or not user.is_authenticated:
        return None
    return MessageAttachment.objects.filter(pk=pk, message__conversation__participants__user=user).first()


def poll_stamp(*, conversation_id: int | str, user: User) -> str | None:
    """The ETag of the conversation as `user` sees it now (one small query), or None if it is not theirs."""
    pk = pk_or_none(conversation_id)
    if pk is None:
        return None
    row = (
        Participant.objects.filter(conversation_id=pk, user=user)
        .values_list("conversation__last_message_at", "last_read_at")
        .first()
    )
    return None if row is None else stamp(*row)


def stamp(last_message_at: datetime | None, last_read_at: datetime | None) -> str:
    raw = f"{last_message_at and last_message_at.isoformat()}|{last_read_at and last_read_at.isoformat()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:20]
    return f'"{digest}"'
