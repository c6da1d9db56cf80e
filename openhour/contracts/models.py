"""Contracts: the work agreed between a client and a freelancer, paid milestone by milestone.

A contract starts from an accepted proposal, an Hourlie order, or a client's direct offer the freelancer
accepts. Each milestone is funded into escrow, then released to the freelancer or refunded to the client;
deliveries, change orders, time sheets (hourly contracts) and disputes build on these steps.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openhour.lib.money import Currency
from openhour.lib.private_files import private_name, private_storage
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, SYSTEM, ProcessEvent, Timer, step

if TYPE_CHECKING:  # the model module imports no other app's models at run time
    from django.contrib.auth.models import AnonymousUser

    from openhour.accounts.models import User


class Contract(models.Model):
    class Status(models.TextChoices):
        # a direct offer, waiting for the freelancer's answer
        OFFERED = "offered", pgettext_lazy("contract status", "Offered")
        ACTIVE = "active", pgettext_lazy("contract status", "Active")
        DECLINED = "declined", pgettext_lazy("contract status", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("contract status", "Withdrawn")  # by the client, or lapsed unanswered
        ENDED = "ended", pgettext_lazy("contract status", "Ended")

    class Kind(models.TextChoices):
        FIXED = "fixed", _("Fixed price")
        HOURLY = "hourly", _("Hourly")

    class Outcome(models.TextChoices):
        # some money was released to the freelancer
        COMPLETED = "completed", pgettext_lazy("contract outcome", "Completed")
        CANCELLED = "cancelled", pgettext_lazy("contract outcome", "Cancelled")  # nothing was paid for work

    TRANSITIONS = {
        (Status.OFFERED, "accept"): step(Status.ACTIVE, FREELANCER),
        (Status.OFFERED, "decline"): step(Status.DECLINED, FREELANCER),
        (Status.OFFERED, "withdraw"): step(Status.WITHDRAWN, CLIENT, OPERATOR),
        (Status.OFFERED, "expire"): step(Status.WITHDRAWN, SYSTEM),
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
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.FIXED)
    # Hourly contracts: the rate per hour in minor units, the most hours a week the client pays for, and the
    # time zone whose Sunday midnight closes each week of the time sheet.
    hourly_rate = models.BigIntegerField(_("hourly rate (minor units)"), null=True, blank=True)
    weekly_limit = models.PositiveSmallIntegerField(_("weekly limit (hours)"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/London")  # an IANA name
    offer_message = models.TextField(_("offer message"), blank=True, max_length=5000)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ACTIVE, editable=False)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome, blank=True, editable=False)
    started_at = models.DateTimeField(_("work started"), null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contract")
        # a person's active contracts on one side, newest first: the dashboard's cards, counts and steps;
        # and all of them on one side, newest first: the API list walks each side down to a page
        indexes = [
            models.Index(fields=["client", "-created_at", "-id"], name="contract_client_newest"),
            models.Index(fields=["freelancer", "-created_at", "-id"], name="contract_freelancer_newest"),
            models.Index(
                fields=["client", "-created_at", "-id"],
                condition=models.Q(status="active"),
                name="contract_active_client",
            ),
            models.Index(
                fields=["freelancer", "-created_at", "-id"],
                condition=models.Q(status="active"),
                name="contract_active_freelancer",
            ),
            # offers waiting for an answer: the freelancer's dashboard steps, and the list's "Offered" filter
            models.Index(
                fields=["client", "-created_at", "-id"],
                condition=models.Q(status="offered"),
                name="contract_offered_client",
            ),
            models.Index(
                fields=["freelancer", "-created_at", "-id"],
                condition=models.Q(status="offered"),
                name="contract_offered_freelancer",
            ),
            # contracts that ended lately, whose review rounds may still be open: the dashboard's review steps
            models.Index(fields=["client", "-ended_at"], name="contract_client_ended"),
            models.Index(fields=["freelancer", "-ended_at"], name="contract_freelancer_ended"),
            # operators' analytics: hires by the week or month work started, and whether the pair (or the client)
            # had started one before, one index probe per hire (operations.analytics.selectors._hires)
            models.Index(fields=["started_at"], name="contract_started"),
            models.Index(fields=["client", "freelancer", "started_at"], name="contract_pair_started"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="fixed") | models.Q(hourly_rate__gt=0, weekly_limit__gt=0),
                name="hourly_contract_has_rate_and_limit",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def role_of(self, user: "User | AnonymousUser | None") -> str | None:
        """The part `user` plays: client, freelancer, operator (staff who are neither), or None (an outsider)."""
        if user is None or not user.is_authenticated:
            return None
        if user.pk == self.client_id:
            return CLIENT
        if user.pk == self.freelancer_id:
            return FREELANCER
        return OPERATOR if user.is_staff else None

    @property
    def reviewable(self) -> bool:
        """Ended with money released: both parties may review each other, within the review window."""
        return self.status == self.Status.ENDED and self.outcome == self.Outcome.COMPLETED


class Milestone(models.Model):
    class Status(models.TextChoices):
        AWAITING_FUNDING = "awaiting_funding", pgettext_lazy("milestone status", "Awaiting funding")
        FUNDED = "funded", pgettext_lazy("milestone status", "Funded")
        SUBMITTED = "submitted", pgettext_lazy("milestone status", "Delivered")
        CHANGES_REQUESTED = "changes_requested", pgettext_lazy("milestone status", "Changes requested")
        RELEASED = "released", pgettext_lazy("milestone status", "Released")
        REFUNDED = "refunded", pgettext_lazy("milestone status", "Refunded")
        # part released, part refunded, by an operator's decision
        SPLIT = "split", pgettext_lazy("milestone status", "Split")
        DISPUTED = "disputed", pgettext_lazy("milestone status", "Disputed")  # escrow frozen while a dispute runs
        # dropped by an accepted change order before it was funded
        REMOVED = "removed", pgettext_lazy("milestone status", "Removed")

    # Money moves with fund, release, refund and split through openhour.money.services.escrow. The system releases a
    # delivery the client leaves unanswered (contracts.delivery) and hours as soon as they are funded
    # (`release_on_funding`), refunds funded milestones a change order removes with both parties' consent,
    # and settles disputes by their decision (contracts.disputes).
    TRANSITIONS = {
        (Status.AWAITING_FUNDING, "fund"): step(Status.FUNDED, CLIENT, SYSTEM),
        (Status.AWAITING_FUNDING, "remove"): step(Status.REMOVED, SYSTEM),
        (Status.FUNDED, "submit"): step(Status.SUBMITTED, FREELANCER),
        (Status.CHANGES_REQUESTED, "submit"): step(Status.SUBMITTED, FREELANCER),
        (Status.SUBMITTED, "request_changes"): step(Status.CHANGES_REQUESTED, CLIENT),
        (Status.FUNDED, "release"): step(Status.RELEASED, CLIENT, OPERATOR, SYSTEM),
        (Status.SUBMITTED, "release"): step(Status.RELEASED, CLIENT, OPERATOR, SYSTEM),
        (Status.CHANGES_REQUESTED, "release"): step(Status.RELEASED, CLIENT, OPERATOR),
        (Status.FUNDED, "refund"): step(Status.REFUNDED, FREELANCER, OPERATOR, SYSTEM),
        (Status.SUBMITTED, "refund"): step(Status.REFUNDED, FREELANCER, OPERATOR, SYSTEM),
        (Status.CHANGES_REQUESTED, "refund"): step(Status.REFUNDED, FREELANCER, OPERATOR, SYSTEM),
        (Status.FUNDED, "split"): step(Status.SPLIT, OPERATOR),
        (Status.SUBMITTED, "split"): step(Status.SPLIT, OPERATOR),
        (Status.CHANGES_REQUESTED, "split"): step(Status.SPLIT, OPERATOR),
        (Status.FUNDED, "dispute"): step(Status.DISPUTED, CLIENT, FREELANCER),
        (Status.SUBMITTED, "dispute"): step(Status.DISPUTED, CLIENT, FREELANCER),
        (Status.CHANGES_REQUESTED, "dispute"): step(Status.DISPUTED, CLIENT, FREELANCER),
        # A dispute ends by its decision (system, after the appeal window; or an operator) ...
        (Status.DISPUTED, "release"): step(Status.RELEASED, OPERATOR, SYSTEM),
        (Status.DISPUTED, "refund"): step(Status.REFUNDED, OPERATOR, SYSTEM),
        (Status.DISPUTED, "split"): step(Status.SPLIT, OPERATOR, SYSTEM),
        # ... or is withdrawn, and the work carries on where it was.
        (Status.DISPUTED, "resume"): step(Status.FUNDED, CLIENT, FREELANCER, OPERATOR),
        (Status.DISPUTED, "resume_review"): step(Status.SUBMITTED, CLIENT, FREELANCER, OPERATOR),
    }

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    # The contract's parties, copied (they never change) so a person's open milestones are one index range
    # of their own, not a lookup per contract: see `Milestone.of`.
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False, editable=False
    )
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False, editable=False
    )
    title = models.CharField(_("title"), max_length=120)
    amount = models.BigIntegerField(_("amount (minor units)"))
    due_in_days = models.PositiveIntegerField(_("due in days"))
    criteria = models.TextField(_("acceptance criteria"), blank=True, max_length=5000)  # locked once funded
    due_on = models.DateField(_("due on"), null=True, blank=True)  # set when work starts: start + due_in_days
    release_on_funding = models.BooleanField(default=False, editable=False)  # approved hours: paid once funded
    revisions_used = models.PositiveSmallIntegerField(default=0, editable=False)
    revisions_extra = models.PositiveSmallIntegerField(default=0, editable=False)  # rounds added by change orders
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
        # a person's open milestones, walked in the dashboard's order and stopped at a page: the work a
        # freelancer owes (and a client awaits) soonest due first; what waits on a client, newest contract first.
        # Conditions are ORs of equalities, not IN: PostgreSQL prints those back as it reads them, so an index
        # rebuilt from its printed definition (bench/data does) is the one migrated.
        indexes = [
            models.Index(
                fields=["freelancer", "due_on", "-contract", "position", "id"],
                condition=models.Q(status="funded") | models.Q(status="changes_requested"),
                name="milestone_owed_freelancer",
            ),
            models.Index(
                fields=["client", "due_on", "-contract", "position", "id"],
                condition=models.Q(status="funded") | models.Q(status="changes_requested"),
                name="milestone_owed_client",
            ),
            models.Index(
                fields=["client", "-contract", "position", "id"],
                condition=models.Q(status="awaiting_funding") | models.Q(status="submitted"),
                name="milestone_waiting_client",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def of(cls, contract: Contract, **fields: object) -> "Milestone":
        """A new (unsaved) milestone of `contract`, carrying its parties: every milestone is made here."""
        return cls(contract=contract, client_id=contract.client_id, freelancer_id=contract.freelancer_id, **fields)

    @property
    def revisions_allowed(self) -> int:
        return self.contract.revisions + self.revisions_extra


class ContractEvent(ProcessEvent):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="events")


class ContractTimer(Timer):
    """Deadlines of a contract: an offer lapsing, reminders to fund, cancelling one never funded."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="timers")


class MilestoneEvent(ProcessEvent):
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="events")


class MilestoneTimer(Timer):
    """Deadlines of a milestone: delivery reminders and the automatic release; reminders of its due date."""

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
    file = models.FileField(upload_to=private_name, storage=private_storage)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name
