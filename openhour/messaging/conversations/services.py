"""Writes for conversations: the pair's one conversation, sending a message (with private files), reading."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.contracts.services.delivery import checked_files
from openhour.lib.errors import InvalidInput, NotAllowed, NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.ratelimit import limit_hit
from openhour.messaging.conversations.about import about_resolve
from openhour.messaging.conversations.masking import masked_for
from openhour.messaging.models import Block, Conversation, Message, MessageAttachment, Notification, Participant
from openhour.messaging.safety.responsiveness import responsiveness_update

MAX_TEXT = 5000
MISSING = gettext_lazy("No such conversation.")


def conversation_with(*, user: User, other: User) -> Conversation:
    """The pair's one conversation, made (with both sides) the first time either opens it."""
    if other.pk == user.pk or not other.is_active:
        raise InvalidInput(_("You cannot message yourself."), fields={"to": [_("Choose someone else.")]})
    first, second = sorted((user.pk, other.pk))
    found = Conversation.objects.filter(first_id=first, second_id=second).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(first_id=first, second_id=second)
            Participant.objects.bulk_create(
                [
                    Participant(conversation=conversation, user_id=pk, activity=conversation.created_at)
                    for pk in (first, second)
                ]
            )
            return conversation
    except IntegrityError:  # both opened it at the same moment: the other request made it
        return Conversation.objects.get(first_id=first, second_id=second)


def conversation_of(*, conversation_id: int | str, user: User) -> Conversation:
    """A conversation `user` takes part in; any other (operators' included) answers like a missing one."""
    pk = pk_or_404(conversation_id, str(MISSING))
    found = Conversation.objects.filter(pk=pk, participants__user=user).select_related("first", "second").first()
    if found is None:
        raise NotFound(str(MISSING))
    return found


def other_of(conversation: Conversation, user: User) -> User:
    return conversation.second if conversation.first_id == user.pk else conversation.first


def recipient(*, username: str) -> User:
    found = User.objects.filter(username=username, is_active=True).first()
    if found is None:
        message = _("There is nobody with that username.")
        raise NotFound(message, fields={"to": [message]})
    return found


def message_send(
    *,
    conversation_id: int | str | None = None,
    to: User | None = None,
    by: User,
    text: str,
    files: Sequence[UploadedFile] = (),
    about: str | None = None,
) -> Message:
    """`by` writes in a conversation (by id, or to a person: the pair's conversation, made if needed).

    Refused before anything is stored: an unverified sender, a sender the other person blocked (403 `blocked`),
    an empty or over-long text, files of the wrong kind or size, or an `about` the two do not share.
    """
    require_verified_email(by)
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT:
        problem = _("Write a message of at most 5,000 characters.")
        raise InvalidInput(problem, fields={"text": [problem]})
    checked = checked_files(list(files))
    _limits_hit(by, to)
    with transaction.atomic():  # a refusal below leaves nothing behind, not even a new conversation
        if to is not None:
            conversation = conversation_with(user=by, other=to)
        else:
            conversation = conversation_of(conversation_id=conversation_id or "", user=by)
        other = other_of(conversation, by)
        if Block.objects.filter(blocker=other, blocked=by).exists():
            raise NotAllowed(_("%(name)s does not accept messages from you.") % {"name": other.name}, code="blocked")
        thing = about_resolve(about, a=by, b=other)
        stored, masked = masked_for(text, sender=by, recipient=other)
        message = Message.objects.create(
            conversation=conversation, sender=by, text=stored, masked=masked, **thing.fields
        )
        for upload in checked:
            MessageAttachment.objects.create(
                message=message, file=upload, name=(upload.name or "file")[:200], size=upload.size or 0
            )
        _posted(conversation, message)
    responsiveness_update(user=by)  # a first reply changes how quickly this person usually answers
    return message


def _posted(conversation: Conversation, message: Message) -> None:
    """The conversation's last message, and one more unread for the other side; writing is reading, so the
    sender has seen everything. The conversation's row is locked first: two senders in one conversation take
    turns, and the F() addition never loses a count."""
    at, mine = message.created_at, Q(user_id=message.sender_id)
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=at, last_message=message)
    Participant.objects.filter(conversation=conversation).update(
        activity=at,
        unread=Case(When(mine, then=Value(0)), default=F("unread") + 1),
        last_read_at=Case(When(mine, then=Value(at)), default=F("last_read_at")),
    )
    _digests_read(conversation, message.sender, at)


def _limits_hit(by: User, to: User | None) -> None:
    """Messages per minute for everyone; new conversations per day for accounts younger than YOUNG_ACCOUNT_DAYS."""
    young = by.date_joined > timezone.now() - timedelta(days=settings.YOUNG_ACCOUNT_DAYS)
    if to is not None and young and not _conversation_exists(by, to):
        limit_hit(
            scope="new-conversations",
            ident=str(by.pk),
            rate=settings.RATE_NEW_CONVERSATIONS_YOUNG,
            message=_("New accounts may start only a few conversations a day. Try again in %(when)s."),
        )
    limit_hit(
        scope="messages",
        ident=str(by.pk),
        rate=settings.RATE_MESSAGES,
        message=_("You are sending messages too quickly. Try again in %(when)s."),
    )


def _conversation_exists(a: User, b: User) -> bool:
    first, second = sorted((a.pk, b.pk))
    return Conversation.objects.filter(first_id=first, second_id=second).exists()


def conversation_read(*, conversation: Conversation, user: User) -> None:
    """`user` has seen the conversation up to now."""
    _seen(conversation, user, timezone.now())


def _seen(conversation: Conversation, user: User, when: datetime) -> None:
    """Read up to `when`, so nothing is unread."""
    Participant.objects.filter(conversation=conversation, user=user).update(last_read_at=when, unread=0)
    _digests_read(conversation, user, when)


def _digests_read(conversation: Conversation, user: User, when: datetime) -> None:
    """The conversation's digests in the person's notification centre are read with it."""
    digests = Notification.objects.filter(user=user, read_at__isnull=True, kind="messages")
    digests.filter(source__startswith=f"messages:{conversation.pk}:").update(read_at=when)
