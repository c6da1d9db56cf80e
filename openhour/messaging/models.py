"""Messages and notifications: one conversation (the work stream) per pair of people, its messages and private
attachments, who has read what, blocks and reports; the notification centre and each person's preferences."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openhour.lib.private_files import private_name, private_storage
from openhour.messaging.notifications.said import words, words_of_lines


class Conversation(models.Model):
    """The one conversation between two people; `first` is always the one with the lower id."""

    first = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # what the inbox shows of it, kept by message_send so the inbox never looks for it among the messages
    last_message = models.ForeignKey("Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_conversation_per_pair"),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="conversation_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ↔ {self.second_id}"


class Participant(models.Model):
    """One person's side of a conversation: what they have read, and when unread messages were last e-mailed.

    `unread` and `activity` are kept by the services that send and read, so the inbox is one walk of the
    person's sides by activity and the header's count a sum over their sides with something unread."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations")
    last_read_at = models.DateTimeField(null=True, blank=True)
    digest_sent_at = models.DateTimeField(null=True, blank=True)
    unread = models.PositiveIntegerField(default=0)  # messages from the other person since this one last read
    activity = models.DateTimeField(default=timezone.now)  # the conversation's last message, or its start

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conversation", "user"], name="one_side_per_person")]
        indexes = [
            models.Index(fields=["user", "-activity", "-conversation"], name="participant_inbox"),
            models.Index(fields=["user"], include=["unread"], condition=Q(unread__gt=0), name="participant_unread"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("message"), max_length=5000)
    masked = models.BooleanField(default=False)  # contact details were hidden: the two had no contract yet
    # What the message is about, if anything in particular.
    project = models.ForeignKey("jobs.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    proposal = models.ForeignKey("jobs.Proposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    contract = models.ForeignKey(
        "contracts.Contract", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["conversation", "created_at"])]

    def __str__(self) -> str:
        return self.text[:40]


class MessageAttachment(models.Model):
    """A private file: served only to the conversation's two people, never from a public URL."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=private_name, storage=private_storage)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name


class Block(models.Model):
    """`blocker` no longer receives messages from `blocked`."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once")]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class Report(models.Model):
    """A message or a person reported to the operators, with a reason."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or scam")
        ABUSE = "abuse", _("Harassment or abuse")
        OFF_PLATFORM = "off_platform", _("Asking to pay or talk outside the platform")
        INAPPROPRIATE = "inappropriate", _("Inappropriate content")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("message report status", "Open")
        CLOSED = "closed", pgettext_lazy("message report status", "Closed")

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_about")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    text = models.TextField(_("what happened"), max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} about {self.person_id}"


class Responsiveness(models.Model):
    """A person's median time to first reply over the last 90 days, kept up to date as they reply."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="responsiveness")
    median_minutes = models.PositiveIntegerField(null=True, blank=True)
    sample = models.PositiveIntegerField(default=0)  # conversations the median is taken over
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.median_minutes} min"


class Notification(models.Model):
    """Something that concerns a person, in their notification centre (and perhaps by e-mail)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)  # one of openhour.messaging.kinds
    # What it says, as source sentences put into words in the reader's language when read (notifications/said.py):
    # {"title": sentence, "body": [sentence, ...]}, the body giving the details (amounts, deadlines, what happens
    # if nobody acts).
    message = models.JSONField(default=dict, blank=True, db_default={})
    # The text of notifications made before `message` existed, written once in English: shown as it is. The
    # columns keep their names, so the previous release reads and writes them while both run.
    written_title = models.CharField(max_length=300, blank=True, db_column="title")
    written_body = models.TextField(blank=True, db_column="body")
    url = models.CharField(max_length=500)
    # The event it comes from, so that one event never notifies twice.
    source = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source"], condition=~Q(source=""), name="one_notification_per_event"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """What happened, in the active language (wrap in `read_by(person)` for someone other than the viewer)."""
        stored = self.message.get("title")
        return (words(stored) if stored else self.written_title)[:300]

    @property
    def body(self) -> str:
        stored = self.message.get("body")
        return words_of_lines(stored) if stored else self.written_body


class NotificationPreference(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("In the app and by e-mail")
        IN_APP = "in_app", _("In the app only")
        OFF = "off", _("Off")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=10, choices=Channel)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.channel}"


class Upload(models.Model):
    """A private file sent ahead of what it will be attached to (`POST /api/v1/uploads`), so a JSON body can name
    it by id. Only its owner may attach it, once: attaching stores a copy with the message, delivery or statement
    and deletes this row and its file. One left unattached for UPLOAD_UNATTACHED_HOURS is deleted by the timers."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=private_name, storage=private_storage)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)  # from the checked name, never the sender's claim
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.name
