"""Change orders: one party proposes changes to a contract's milestones (add, remove, edit, more revision
rounds, a common deadline); the other accepts or rejects. Accepting applies every change at once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openhour.contracts.models import Contract, Milestone
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, SYSTEM, ProcessEvent, step


class ChangeOrder(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("change order status", "Proposed")
        ACCEPTED = "accepted", pgettext_lazy("change order status", "Accepted")
        REJECTED = "rejected", pgettext_lazy("change order status", "Rejected")
        WITHDRAWN = "withdrawn", pgettext_lazy("change order status", "Withdrawn")

    # Roles alone cannot say "the other party": the services also require that the one who answers is not
    # the proposer, and that only the proposer (or an operator) withdraws.
    TRANSITIONS = {
        (Status.PROPOSED, "accept"): step(Status.ACCEPTED, CLIENT, FREELANCER),
        (Status.PROPOSED, "reject"): step(Status.REJECTED, CLIENT, FREELANCER),
        (Status.PROPOSED, "withdraw"): step(Status.WITHDRAWN, CLIENT, FREELANCER, OPERATOR),
        (Status.PROPOSED, "lapse"): step(Status.WITHDRAWN, SYSTEM),  # its contract ended unanswered
    }

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="change_orders")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposer_role = models.CharField(
        _("proposed as"), max_length=12, choices=[(CLIENT, CLIENT), (FREELANCER, FREELANCER)]
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    deadline = models.DateField(_("deadline"), null=True, blank=True)  # every unfinished milestone due by then
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PROPOSED, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_note = models.TextField(_("answer"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("change order")
        constraints = [
            models.UniqueConstraint(
                fields=["contract"], condition=models.Q(status="proposed"), name="one_open_change_order_per_contract"
            ),
        ]

    def __str__(self) -> str:
        return f"Change order {self.pk} on {self.contract_id}"


class ChangeOrderItem(models.Model):
    """One change. Fields left empty (None) stay as they are; `before` keeps what the milestone was."""

    class Kind(models.TextChoices):
        ADD = "add", _("Add a milestone")
        REMOVE = "remove", _("Remove a milestone")
        EDIT = "edit", _("Edit a milestone")
        REVISIONS = "revisions", _("More revision rounds")

    change_order = models.ForeignKey(ChangeOrder, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=10, choices=Kind)
    # The milestone changed; for an added one, the milestone it became once accepted.
    milestone = models.ForeignKey(Milestone, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=120, blank=True)
    amount = models.BigIntegerField(null=True, blank=True)
    criteria = models.TextField(null=True, blank=True, max_length=5000)  # noqa: DJ001 - None: unchanged, "": cleared
    due_on = models.DateField(null=True, blank=True)
    due_in_days = models.PositiveIntegerField(null=True, blank=True)
    revisions = models.PositiveSmallIntegerField(null=True, blank=True)
    before = models.JSONField(default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.milestone_id or self.title}"


class ChangeOrderEvent(ProcessEvent):
    change_order = models.ForeignKey(ChangeOrder, on_delete=models.CASCADE, related_name="events")
