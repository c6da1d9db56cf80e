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


class VatTreatment(models.TextChoices):
    """How the VAT inside the platform's fee was decided for the person the invoice is addressed to."""

    NONE = "none", _("No VAT charged")  # the operator charges no VAT at all
    DOMESTIC = "domestic", _("Domestic VAT")  # a business in the operator's country
    CONSUMER = "consumer", _("VAT at the operator's rate")  # a consumer (or a business without a VAT number)
    CONSUMER_COUNTRY = "consumer_country", _("VAT at the rate of the customer's country")  # EU OSS style
    REVERSE_CHARGE = "reverse_charge", _("Reverse charge")  # a business abroad with a VAT number: no VAT


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
    # The VAT rule applied to the fee lines, decided when issued (openhour.money.vat.rules) and never again: a
    # credit note copies its receipt's. Empty on invoices issued before the rules existed (the issuer's rate).
    vat_treatment = models.CharField(max_length=16, choices=VatTreatment, blank=True, default="", db_default="")
    vat_rate = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    buyer_vat_number = models.CharField(max_length=20, blank=True, default="", db_default="")
    buyer_country = models.CharField(max_length=2, blank=True, default="", db_default="")

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
