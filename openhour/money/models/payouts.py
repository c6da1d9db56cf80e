"""Payouts: where a person's money goes (methods), each withdrawal as a process, and SEPA batch files."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openhour.lib.money import Currency
from openhour.lib.process import OPERATOR, OWNER, SYSTEM, ProcessEvent, Timer, step


class PayoutMethod(models.Model):
    """A bank account (IBAN + BIC, or UK sort code + account number), a PayPal e-mail, or a SWIFT wire.

    New methods are on hold until `usable_from`, so a stolen session cannot send money away at once.
    """

    class Kind(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", _("Bank transfer")
        PAYPAL = "paypal", _("PayPal")
        WIRE = "wire", _("International wire")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payout_methods")
    kind = models.CharField(max_length=20, choices=Kind)
    details = models.JSONField(default=dict)  # validated per kind by money.payouts.methods
    usable_from = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.owner_id}"


class PayoutBatch(models.Model):
    """One SEPA credit-transfer file (pain.001) the operator uploads to their bank."""

    class Status(models.TextChoices):
        EXPORTED = "exported", pgettext_lazy("payout batch status", "Exported")
        PAID = "paid", pgettext_lazy("payout batch status", "Paid")

    message_id = models.CharField(max_length=35, unique=True)
    currency = models.CharField(max_length=3, choices=Currency)
    xml = models.TextField()
    total = models.BigIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status, default=Status.EXPORTED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = _("payout batches")

    def __str__(self) -> str:
        return self.message_id


class Payout(models.Model):
    """A withdrawal: requested -> held -> sent -> paid | failed. The amount is reserved in the wallet by a
    pending transfer from the request on; a failure (or a cancel while held) gives it back."""

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("payout status", "Requested")
        HELD = "held", pgettext_lazy("payout status", "Held")
        SENT = "sent", pgettext_lazy("payout status", "Sent")
        PAID = "paid", pgettext_lazy("payout status", "Paid")
        FAILED = "failed", pgettext_lazy("payout status", "Failed")
        CANCELLED = "cancelled", pgettext_lazy("payout status", "Cancelled")

    TRANSITIONS = {
        (Status.REQUESTED, "hold"): step(Status.HELD, SYSTEM),
        (Status.HELD, "send"): step(Status.SENT, SYSTEM, OPERATOR),
        (Status.HELD, "cancel"): step(Status.CANCELLED, OWNER, OPERATOR),
        (Status.SENT, "pay"): step(Status.PAID, SYSTEM, OPERATOR),
        (Status.SENT, "fail"): step(Status.FAILED, SYSTEM, OPERATOR),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payouts")
    method = models.ForeignKey(PayoutMethod, on_delete=models.PROTECT, related_name="payouts")
    amount = models.BigIntegerField()
    currency = models.CharField(max_length=3, choices=Currency)
    provider = models.CharField(max_length=20)  # manual_bank, paypal or wire
    provider_ref = models.CharField(max_length=100, blank=True, default="")
    hold_until = models.DateTimeField()
    batch = models.ForeignKey(PayoutBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="payouts")
    reservation = models.OneToOneField(
        "money.Transfer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # the pending transfer wallet -> payouts in flight
    idempotency_key = models.CharField(max_length=200, blank=True, default="")
    failure_reason = models.CharField(max_length=300, blank=True, default="")
    status = models.CharField(max_length=20, choices=Status, default=Status.REQUESTED, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payout_amount_positive"),
            models.UniqueConstraint(
                fields=["owner", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="one_payout_per_idempotency_key",
            ),
        ]

    def __str__(self) -> str:
        return f"payout {self.amount} {self.currency} ({self.status})"


class PayoutEvent(ProcessEvent):
    payout = models.ForeignKey(Payout, on_delete=models.CASCADE, related_name="events")


class PayoutTimer(Timer):
    payout = models.ForeignKey(Payout, on_delete=models.CASCADE, related_name="timers")
