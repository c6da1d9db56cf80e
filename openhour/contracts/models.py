"""Contracts: the work agreed between a client and a freelancer, paid milestone by milestone.

A contract starts from an accepted proposal or an Hourlie order. Each milestone is funded into escrow,
then released to the freelancer or refunded to the client; delivery and disputes build on these steps.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openhour.lib.money import Currency
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, SYSTEM, ProcessEvent, Timer, step


class Contract(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    TRANSITIONS = {
        (Status.ACTIVE, "end"): step(Status.ENDED, CLIENT, FREELANCER, OPERATOR, SYSTEM),
    }

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contracts_as_client")
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contracts_as_freelancer"
    )
    title = models.CharField(_("title"), max_length=120)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency)
    fee_schedule_version = models.CharField(_("fee schedule"), max_length=20)
    project = models.ForeignKey(
        "jobs.Project", null=True, blank=True, on_delete=models.PROTECT, related_name="contracts"
    )
    proposal = models.OneToOneField(
        "jobs.Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="contract"
    )
    # Rounds of changes the client may ask for on each milestone: from the Hourlie package or the agreement.
    revisions = models.PositiveSmallIntegerField(_("revision rounds"), default=2)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ACTIVE, editable=False)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contract")

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    class Status(models.TextChoices):
        AWAITING_FUNDING = "awaiting_funding", _("Awaiting funding")
        FUNDED = "funded", _("Funded")
        SUBMITTED = "submitted", _("Delivered")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        RELEASED = "released", _("Released")
        REFUNDED = "refunded", _("Refunded")
        SPLIT = "split", _("Split")  # part released, part refunded, by an operator's decision

    # Money moves with fund, release, refund and split through openhour.money.escrow; the system releases a
    # delivery the client leaves unanswered (contracts.delivery).
    TRANSITIONS = {
        (Status.AWAITING_FUNDING, "fund"): step(Status.FUNDED, CLIENT, SYSTEM),
        (Status.FUNDED, "submit"): step(Status.SUBMITTED, FREELANCER),
        (Status.CHANGES_REQUESTED, "submit"): step(Status.SUBMITTED, FREELANCER),
        (Status.SUBMITTED, "request_changes"): step(Status.CHANGES_REQUESTED, CLIENT),
        (Status.FUNDED, "release"): step(Status.RELEASED, CLIENT, OPERATOR),
        (Status.SUBMITTED, "release"): step(Status.RELEASED, CLIENT, OPERATOR, SYSTEM),
        (Status.CHANGES_REQUESTED, "release"): step(Status.RELEASED, CLIENT, OPERATOR),
        (Status.FUNDED, "refund"): step(Status.REFUNDED, FREELANCER, OPERATOR),
        (Status.SUBMITTED, "refund"): step(Status.REFUNDED, FREELANCER, OPERATOR),
        (Status.CHANGES_REQUESTED, "refund"): step(Status.REFUNDED, FREELANCER, OPERATOR),
        (Status.FUNDED, "split"): step(Status.SPLIT, OPERATOR),
        (Status.SUBMITTED, "split"): step(Status.SPLIT, OPERATOR),
        (Status.CHANGES_REQUESTED, "split"): step(Status.SPLIT, OPERATOR),
    }

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=120)
    amount = models.BigIntegerField(_("amount (minor units)"))
    due_in_days = models.PositiveIntegerField(_("due in days"))
    criteria = models.TextField(_("acceptance criteria"), blank=True, max_length=5000)
    revisions_used = models.PositiveSmallIntegerField(default=0, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.AWAITING_FUNDING, editable=False
    )
    # What the escrow services charged and paid, in the contract's minor units.
    client_fee = models.BigIntegerField(default=0, editable=False)
    released = models.BigIntegerField(default=0, editable=False)  # gross, before the freelancer fee
    freelancer_fee = models.BigIntegerField(default=0, editable=False)
    refunded = models.BigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="milestone_amount_positive")]

    def __str__(self) -> str:
        return self.title


class ContractEvent(ProcessEvent):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="events")


class MilestoneEvent(ProcessEvent):
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="events")


class MilestoneTimer(Timer):
    """Deadlines of a delivery: reminders to the client, then the automatic release."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="timers")


class Delivery(models.Model):
    """One submission of a milestone's work; every submission is kept, numbered as a version."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="deliveries")
    version = models.PositiveSmallIntegerField()
    message = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version"]
        constraints = [models.UniqueConstraint(fields=["milestone", "version"], name="one_delivery_per_version")]

    def __str__(self) -> str:
        return f"{self.milestone} v{self.version}"


class DeliveryFile(models.Model):
    """A private attachment: served only to the contract's parties (and operators), never from a public URL."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="private/deliveries/%Y/%m/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name
