"""Outgoing webhooks: endpoints people subscribe, the events recorded for them, and the log of deliveries.

An event is recorded in the same transaction as the step it tells of (`services.events.emit`), once per view:
the data a party of the step may see, or the public-safe data an operator's market-wide endpoint gets. Each
endpoint that hears of it has one delivery, attempted by the task worker until it succeeds or runs out of
attempts; every attempt is kept. The event's id stays the same on every attempt, so receivers can ignore repeats.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    PROPOSAL_RECEIVED = "proposal.received", _("A proposal was received")
    CONTRACT_STARTED = "contract.started", _("A contract started")
    MILESTONE_FUNDED = "milestone.funded", _("A milestone was funded")
    MILESTONE_DELIVERED = "milestone.delivered", _("A milestone was delivered")
    MILESTONE_RELEASED = "milestone.released", _("A milestone's payment was released")
    MILESTONE_REFUNDED = "milestone.refunded", _("A milestone was refunded")
    DISPUTE_OPENED = "dispute.opened", _("A dispute was opened")
    DISPUTE_DECIDED = "dispute.decided", _("A dispute was decided")
    REVIEW_PUBLISHED = "review.published", _("A review was published")
    PAYOUT_PAID = "payout.paid", _("A payout was paid")
    TEST = "webhook.test", _("A test event you asked for")


# What an endpoint may subscribe to: every type but the test event, which goes only where it is asked for.
SUBSCRIBABLE = [(value, label) for value, label in EventType.choices if value != EventType.TEST]


class Endpoint(models.Model):
    """Where someone wants events posted. `mine` hears of the owner's own steps; `market` (operators only)
    hears of every step in the market, with the data that is safe for anyone."""

    class Scope(models.TextChoices):
        MINE = "mine", _("Events that concern me")
        MARKET = "market", _("Every event in the market (operators)")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(_("address"), max_length=500)
    events = models.JSONField(_("events"), default=list)  # EventType values
    scope = models.CharField(_("scope"), max_length=10, choices=Scope, default=Scope.MINE)
    secret = models.CharField(max_length=80)
    # The secret before the last rotation keeps signing beside the new one until then.
    previous_secret = models.CharField(max_length=80, blank=True)
    previous_secret_until = models.DateTimeField(null=True, blank=True)
    failures_in_a_row = models.PositiveIntegerField(default=0)  # failed attempts since the last success
    disabled_at = models.DateTimeField(null=True, blank=True)  # turned off after too many failures
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook endpoint")

    def __str__(self) -> str:
        return self.url

    @property
    def active(self) -> bool:
        return self.disabled_at is None


class Event(models.Model):
    """One step as one audience sees it. `viewer` is the party whose view `data` is; empty for the market's."""

    id = models.UUIDField(primary_key=True, editable=False)  # the id receivers use to ignore repeats
    type = models.CharField(max_length=40, choices=EventType)
    about = models.CharField(max_length=60)  # "milestone:12": what the step was about, for the log
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.id}"


class Delivery(models.Model):
    """One event posted to one endpoint: pending until an attempt succeeds (delivered) or none is left (failed)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)  # claimed so far; an attempt is claimed before it is made
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)  # of the last attempt
    error = models.CharField(max_length=300, blank=True)  # why the last attempt failed, when it did
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["endpoint", "event"], name="one_delivery_per_endpoint_event")]
        indexes = [models.Index(fields=["endpoint", "-created_at", "-id"], name="deliveries_of_endpoint")]

    def __str__(self) -> str:
        return f"{self.event_id} to {self.endpoint_id}: {self.status}"


class Attempt(models.Model):
    """One POST of a delivery: when, what the receiver answered (or why nothing came back), and how long it took."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField()
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["delivery", "number"], name="one_row_per_attempt")]

    def __str__(self) -> str:
        return f"attempt {self.number} of delivery {self.delivery_id}"
