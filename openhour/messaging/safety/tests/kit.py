"""Conversations made row by row, at chosen times, for safety and responsiveness tests."""

from datetime import datetime

import time_machine

from openhour.accounts.models import User
from openhour.messaging.models import Conversation, Message, Participant


def chat(one: User, other: User) -> Conversation:
    first, second = sorted((one, other), key=lambda person: person.pk)
    conversation, created = Conversation.objects.get_or_create(first=first, second=second)
    if created:
        Participant.objects.bulk_create([Participant(conversation=conversation, user=p) for p in (first, second)])
    return conversation


def say(sender: User, to: User, text: str = "Hello", *, at: datetime | None = None) -> Message:
    conversation = chat(sender, to)
    if at is None:
        message = Message.objects.create(conversation=conversation, sender=sender, text=text)
    else:
        with time_machine.travel(at, tick=False):
            message = Message.objects.create(conversation=conversation, sender=sender, text=text)
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    return message
