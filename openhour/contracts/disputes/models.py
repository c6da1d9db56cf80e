"""Disputes: either party freezes a held milestone with a reason; both sides make their case before a
deadline; an operator decides how the escrow is split, with a written decision; one appeal is possible,
to a different operator. The money moves only when the dispute is settled."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openhour.contracts.models import Milestone
from openhour.lib.private_files import private_name, private_storage
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, SYSTEM, ProcessEvent, Timer, step

PARTIES = [(CLIENT, _("Client")), (FREELANCER, _("Freelancer"))]
ROLES = [*PARTIES, (OPERATOR, _("Operator"))]


class Dispute(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("dispute status", "Open")  # both sides make their case until the response deadline
        AWAITING_DECISION = "awaiting_decision", pgettext_lazy("dispute status", "Awaiting decision")
        # the appeal window runs; then the decision is carried out
        DECIDED = "decided", pgettext_lazy("dispute status", "Decided")
        APPEALED = "appealed", pgettext_lazy("dispute status", "Appealed")  # a different operator decides, finally
        SETTLED = "settled", pgettext_lazy("dispute status", "Settled")  # the money has moved
        WITHDRAWN = "withdrawn", pgettext_lazy("dispute status", "Withdrawn")  # the milestone carries on where it was

    LIVE = (Status.OPEN, Status.AWAITING_DECISION, Status.DECIDED, Status.APPEALED)

    TRANSITIONS = {
        (Status.OPEN, "close_statements"): step(Status.AWAITING_DECISION, SYSTEM),  # both sides have spoken
        (Status.OPEN, "default"): step(Status.DECIDED, SYSTEM),  # one side stayed silent and loses
        (Status.OPEN, "decide"): step(Status.DECIDED, OPERATOR),
        (Status.AWAITING_DECISION, "decide"): step(Status.DECIDED, OPERATOR),
        (Status.DECIDED, "appeal"): step(Status.APPEALED, CLIENT, FREELANCER),
        (Status.DECIDED, "settle"): step(Status.SETTLED, SYSTEM),  # the appeal window ended
        (Status.APPEALED, "decide_appeal"): step(Status.SETTLED, OPERATOR),
        # Only the opener withdraws among the parties; the service checks which party asks.
        (Status.OPEN, "withdraw"): step(Status.WITHDRAWN, CLIENT, FREELANCER, OPERATOR),
        (Status.AWAITING_DECISION, "withdraw"): step(Status.WITHDRAWN, CLIENT, FREELANCER, OPERATOR),
    }

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="disputes")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opener_role = models.CharField(_("opened by"), max_length=12, choices=PARTIES)
    reason = models.TextField(_("reason"), max_length=5000)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN, editable=False)
    held = models.BigIntegerField(_("held in escrow"), editable=False)  # frozen while the dispute runs
    # When the system acts next: the response deadline while open, the end of the appeal window once decided.
    due_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The decision in force: minor units released to the freelancer; the rest goes back to the client.
    release = models.BigIntegerField(_("released to the freelancer"), null=True, blank=True, editable=False)
    decision = models.TextField(_("decision"), blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )  # None when the system decided a default
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    appealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    appeal_reason = models.TextField(_("appeal"), blank=True, editable=False)
    # The first decision, kept when an appeal replaces it.
    first_release = models.BigIntegerField(null=True, blank=True, editable=False)
    first_decision = models.TextField(blank=True, editable=False)
    final_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    # Where the milestone was, and what its paused timers still had to run: [{"action", "seconds"}].
    milestone_status_before = models.CharField(max_length=20, choices=Milestone.Status, editable=False)
    paused_timers = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("dispute")
        constraints = [
            models.UniqueConstraint(
                fields=["milestone"],
                condition=models.Q(status__in=["open", "awaiting_decision", "decided", "appealed"]),
                name="one_live_dispute_per_milestone",
            ),
            models.CheckConstraint(condition=models.Q(release__gte=0), name="dispute_release_not_negative"),
        ]

    def __str__(self) -> str:
        return f"Dispute {self.pk} on {self.milestone}"


class DisputeEvent(ProcessEvent):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="events")


class DisputeTimer(Timer):
    """The response deadline (`respond`) and the end of the appeal window (`settle`)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="timers")


class DisputeStatement(models.Model):
    """One side's account (or an operator's note), with private evidence files."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="statements")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=12, choices=ROLES)
    text = models.TextField(_("statement"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.role} on dispute {self.dispute_id}"


class DisputeEvidence(models.Model):
    """A private file: served only to the dispute's parties and operators, never from a public URL."""

    statement = models.ForeignKey(DisputeStatement, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=private_name, storage=private_storage)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name
