"""Card payments through a gateway, the webhook events already handled, and what each pair has billed."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openhour.lib.money import Currency


class Payment(models.Model):
    """A card charge. Its money always lands in the payer's wallet first; then, for a funding, in escrow.

    The row is written before the gateway is called and settled after, each in its own transaction, so a
    provider call never runs inside one. Settling posts ledger legs whose ids derive from the payment id,
    so a webhook and a redirect that both report success move the money once.
    """

    class Status(models.TextChoices):
        PROCESSING = "processing", _("Processing")
        REQUIRES_ACTION = "requires_action", _("Waiting for your confirmation")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    class Purpose(models.TextChoices):
        DEPOSIT = "deposit", _("Wallet deposit")
        MILESTONE = "milestone", _("Milestone funding")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    payer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payments")
    amount = models.BigIntegerField()
    currency = models.CharField(max_length=3, choices=Currency)
    purpose = models.CharField(max_length=12, choices=Purpose, default=Purpose.DEPOSIT)
    milestone = models.ForeignKey(
        "contracts.Milestone", null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    gateway = models.CharField(max_length=20)
    provider_ref = models.CharField(max_length=100, blank=True, default="", db_index=True)
    action_url = models.CharField(max_length=500, blank=True, default="")
    status = models.CharField(max_length=20, choices=Status, default=Status.PROCESSING)
    failure_code = models.CharField(max_length=40, blank=True, default="")
    failure_message = models.CharField(max_length=300, blank=True, default="")
    idempotency_key = models.CharField(max_length=200, blank=True, default="")
    refunded = models.BigIntegerField(default=0)  # given back to the card so far
    # Which card paid, as a one-way hash, so review integrity can see two accounts paying with one card.
    card_fingerprint = models.CharField(max_length=64, blank=True, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(refunded__gte=0, refunded__lte=models.F("amount")), name="payment_refund_in_range"
            ),
            models.UniqueConstraint(
                fields=["payer", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="one_payment_per_idempotency_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.amount} {self.currency} ({self.status})"


class WebhookEvent(models.Model):
    """A provider event already handled: a replay of the same id is acknowledged and ignored."""

    id = models.CharField(max_length=100, primary_key=True)
    gateway = models.CharField(max_length=20)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.gateway} {self.type} {self.id}"


class Billing(models.Model):
    """What a freelancer has billed one client in one currency: released money, less refunds of it.

    The freelancer fee tiers run on this total. The row is locked while a release or refund changes it,
    so two releases for one pair never both see the same total.
    """

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    freelancer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    currency = models.CharField(max_length=3, choices=Currency)
    billed = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "freelancer", "currency"], name="one_billing_per_pair_currency"),
            models.CheckConstraint(condition=models.Q(billed__gte=0), name="billing_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.freelancer_id} billed {self.client_id}: {self.billed} {self.currency}"


class IdempotentRequest(models.Model):
    """A money-moving API request made with an `Idempotency-Key`: a repeat gets this stored answer."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)  # sha256 of method, path and body
    status_code = models.PositiveSmallIntegerField(null=True)  # null while the first request is running
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_request_per_idempotency_key")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
