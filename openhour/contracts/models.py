"""Contracts: the work agreed between a client and a freelancer, paid milestone by milestone.

A contract starts from an accepted proposal or an Hourlie order. Each milestone is funded into escrow,
then released to the freelancer or refunded to the client; delivery and disputes build on these steps.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openhour.lib.money import Currency
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, SYSTEM, ProcessEvent, step


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
        RELEASED = "released", _("Released")
        REFUNDED = "refunded", _("Refunded")
        SPLIT = "split", _("Split")  # part released, part refunded, by an operator's decision

    # Money moves with these steps through openhour.money.escrow; delivery and disputes add more.
    TRANSITIONS = {
        (Status.AWAITING_FUNDING, "fund"): step(Status.FUNDED, CLIENT, SYSTEM),
        (Status.FUNDED, "release"): step(Status.RELEASED, CLIENT, OPERATOR),
        (Status.FUNDED, "refund"): step(Status.REFUNDED, FREELANCER, OPERATOR),
        (Status.FUNDED, "split"): step(Status.SPLIT, OPERATOR),
    }

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=120)
    amount = models.BigIntegerField(_("amount (minor units)"))
    due_in_days = models.PositiveIntegerField(_("due in days"))
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
