"""The ledger: accounts with cached balances, and immutable double-entry transfers between them.

Balances move only through `openhour.money.ledger.post`. A transfer debits one account and credits
another in one currency; per currency all balances sum to zero, because money from outside enters
through a gateway account that may go negative.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openhour.lib.money import Currency


class Purpose(models.TextChoices):
    WALLET = "wallet", _("Wallet")
    ESCROW = "escrow", _("Escrow")
    PAYOUTS_IN_FLIGHT = "payouts_in_flight", _("Payouts in flight")
    PLATFORM_FEES = "platform_fees", _("Platform fees")
    GATEWAY = "gateway", _("Payment gateway")
    FX = "fx", _("Currency exchange")


class Account(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger_accounts"
    )
    purpose = models.CharField(max_length=20, choices=Purpose)
    currency = models.CharField(max_length=3, choices=Currency)
    # What the account is for beyond owner and purpose: a milestone for escrow, a shard for busy platform accounts.
    reference = models.CharField(max_length=40, blank=True, default="")
    balance = models.BigIntegerField(default=0)
    pending_out = models.BigIntegerField(default=0)  # reserved by pending transfers, not yet posted
    may_go_negative = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ledger account")  # the admin's "Accounts" section is people's accounts
        verbose_name_plural = _("ledger accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "purpose", "currency", "reference"],
                condition=models.Q(owner__isnull=False),
                name="one_account_per_owner_purpose_currency_reference",
            ),
            models.UniqueConstraint(
                fields=["purpose", "currency", "reference"],
                condition=models.Q(owner__isnull=True),
                name="one_platform_account_per_purpose_currency_reference",
            ),
            models.CheckConstraint(
                condition=models.Q(may_go_negative=True) | models.Q(balance__gte=models.F("pending_out")),
                name="account_no_overdraft",
            ),
            models.CheckConstraint(condition=models.Q(pending_out__gte=0), name="account_pending_not_negative"),
        ]

    def __str__(self) -> str:
        who = self.owner_id or "platform"
        return f"{self.purpose}:{who}:{self.currency}{':' + self.reference if self.reference else ''}"

    @property
    def available(self) -> int:
        return self.balance - self.pending_out


class Phase(models.TextChoices):
    POSTED = "posted", pgettext_lazy("ledger transfer", "Posted")
    PENDING = "pending", pgettext_lazy("ledger transfer", "Pending")  # reserves the amount on the debit account
    # moves all or part; the rest is released
    POST_PENDING = "post_pending", pgettext_lazy("ledger transfer", "Posts a pending transfer")
    # releases the whole reserved amount
    VOID_PENDING = "void_pending", pgettext_lazy("ledger transfer", "Voids a pending transfer")


class Transfer(models.Model):
    """Immutable. The id is the idempotency key: posting it again returns this row and moves nothing."""

    class Kind(models.TextChoices):
        DEPOSIT = "deposit", _("Deposit")
        FUND = "fund", _("Payment into escrow")
        CLIENT_FEE = "client_fee", _("Client service fee")
        RELEASE = "release", _("Release")
        FREELANCER_FEE = "freelancer_fee", _("Freelancer service fee")
        REFUND = "refund", _("Refund")
        CLIENT_FEE_REFUND = "client_fee_refund", _("Client fee refund")
        CARD_REFUND = "card_refund", _("Refund to card")
        FX = "fx", _("Conversion")
        FX_FEE = "fx_fee", _("Conversion fee")
        PAYOUT = "payout", _("Withdrawal")
        PAYOUT_CANCEL = "payout_cancel", _("Withdrawal cancelled")
        PAYOUT_PAID = "payout_paid", _("Withdrawal paid")
        PAYOUT_RETURN = "payout_return", _("Withdrawal returned")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    debit = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="debits")
    credit = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="credits")
    amount = models.BigIntegerField()
    currency = models.CharField(max_length=3, choices=Currency)
    phase = models.CharField(max_length=12, choices=Phase, default=Phase.POSTED)
    pending = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="resolutions"
    )  # for post_pending / void_pending
    kind = models.CharField(max_length=40, choices=Kind)
    reference = models.CharField(max_length=80, blank=True, default="")  # e.g. "milestone:12"
    # The milestone an escrow leg moves money for: what invoices and reports filter on, rather than `reference`.
    milestone = models.ForeignKey(
        "contracts.Milestone", null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    description = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="transfer_amount_positive"),
            models.UniqueConstraint(fields=["pending"], name="pending_transfer_resolved_once"),
            models.CheckConstraint(condition=~models.Q(debit=models.F("credit")), name="transfer_two_accounts"),
        ]
        # the dashboard's money by month: what came into a wallet, and what left it into escrow, each person's
        # range by kind and time, read from the index alone (kinds ORed, not IN: see contracts.Milestone's indexes)
        indexes = [
            models.Index(fields=["kind", "reference"]),
            models.Index(
                fields=["credit", "kind", "created_at"],
                include=["amount", "currency"],
                condition=models.Q(phase="posted")
                & (models.Q(kind="release") | models.Q(kind="refund") | models.Q(kind="client_fee_refund")),
                name="transfer_credit_month",
            ),
            models.Index(
                fields=["debit", "kind", "created_at"],
                include=["amount", "currency"],
                condition=models.Q(phase="posted") & (models.Q(kind="fund") | models.Q(kind="client_fee")),
                name="transfer_debit_month",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.currency} {self.debit_id}->{self.credit_id} ({self.phase})"


class FxRate(models.Model):
    """A reference rate: one `base` unit buys `rate` units of `quote` on `as_of` (ECB publishes against EUR)."""

    base = models.CharField(max_length=3, default="EUR", editable=False)
    quote = models.CharField(max_length=3, choices=Currency)
    rate = models.DecimalField(max_digits=18, decimal_places=8)
    as_of = models.DateField()
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-as_of", "quote"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["quote", "as_of"], name="one_fx_rate_per_quote_and_day"),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="fx_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.base} = {self.rate} {self.quote} ({self.as_of})"
