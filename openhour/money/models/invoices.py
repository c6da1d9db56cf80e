"""Invoices: a numbered, immutable record of every funding (client receipt) and every release (statement)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openhour.lib.money import Currency


class InvoiceSequence(models.Model):
    """The last number used in one series in one year; locked while the numbering step gives the next ones,
    after the issuing transactions commit, so numbers in a series have no gaps and no payment waits on it."""

    series = models.CharField(max_length=1)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="one_sequence_per_series_and_year")]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"


class Invoice(models.Model):
    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")  # the client funded a milestone
        STATEMENT = "statement", _("Statement")  # money was released to the freelancer
        CREDIT_NOTE = "credit_note", _("Credit note")  # escrow (and its client fee) went back to the client

    # Empty until the numbering step gives it the next number of its series, just after the issuing commit.
    number = models.CharField(max_length=30, unique=True, null=True, blank=True)
    series = models.CharField(max_length=1, default="")
    kind = models.CharField(max_length=12, choices=Kind)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invoices")
    contract = models.ForeignKey("contracts.Contract", null=True, on_delete=models.PROTECT, related_name="invoices")
    milestone = models.ForeignKey("contracts.Milestone", null=True, on_delete=models.PROTECT, related_name="invoices")
    currency = models.CharField(max_length=3, choices=Currency)
    # [{"description": str, "amount": int}] in minor units; a fee taken is a negative line on a statement.
    lines = models.JSONField(default=list)
    vat = models.BigIntegerField(default=0)  # VAT included in the platform's fee lines
    total = models.BigIntegerField()
    issuer = models.JSONField(default=dict)  # the operator's legal details as they were when issued
    billed_to = models.JSONField(default=dict)  # name, e-mail, company as they were when issued
    issued_at = models.DateTimeField(auto_now_add=True)  # set again when numbered: numbers follow this order

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            # A milestone has at most one receipt, one statement and one credit note (no milestone: no limit).
            models.UniqueConstraint(fields=["kind", "milestone"], name="one_invoice_per_kind_and_milestone"),
        ]
        indexes = [
            models.Index(fields=["series", "id"], condition=models.Q(number__isnull=True), name="invoice_to_number"),
        ]

    def __str__(self) -> str:
        return self.number or f"{self.get_kind_display()} #{self.pk} (numbering)"
