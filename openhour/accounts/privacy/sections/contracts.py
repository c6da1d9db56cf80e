"""The work the person is a party to: contracts with their milestones, deliveries, change orders, time sheets
and disputes. The other party appears by display name only."""

from typing import Any

from django.db.models import Q

from openhour.accounts.models import User
from openhour.contracts.change_orders.models import ChangeOrder
from openhour.contracts.disputes.models import Dispute, DisputeEvidence
from openhour.contracts.hourly.models import TimesheetWeek
from openhour.contracts.models import Contract, DeliveryFile, Milestone

from .base import ArchiveFile, file_of, path_or_none, present, rows, someone

KEY = "contracts"
MODELS: tuple[str, ...] = ("contracts.Contract", "contracts.Milestone", "change_orders.ChangeOrder", "disputes.Dispute")
MODELS += ("disputes.DisputeStatement",)

CONTRACT_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "kind",
    "currency",
    "fee_schedule_version",
    "revisions",
    "hourly_rate",
)
CONTRACT_FIELDS += ("weekly_limit", "time_zone", "offer_message", "status", "outcome", "started_at", "ended_at")
CONTRACT_FIELDS += ("created_at",)
MILESTONE_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "amount",
    "criteria",
    "due_on",
    "status",
    "client_fee",
    "freelancer_fee",
)
MILESTONE_FIELDS += ("released", "refunded", "revisions_used", "created_at")
DISPUTE_FIELDS: tuple[str, ...] = ("id", "opener_role", "reason", "status", "held", "release", "decision", "decided_at")
DISPUTE_FIELDS += ("appeal_reason", "created_at")


def _contracts(user: User) -> Any:
    return Contract.objects.filter(Q(client=user) | Q(freelancer=user)).select_related("client", "freelancer")


def section(user: User) -> list[dict[str, Any]]:
    return [_contract(contract, user) for contract in _contracts(user).order_by("pk")]


def _contract(contract: Contract, user: User) -> dict[str, Any]:
    mine_as_client = contract.client_id == user.pk
    found = {name: getattr(contract, name) for name in CONTRACT_FIELDS}
    found["your_role"] = "client" if mine_as_client else "freelancer"
    found["other_party"] = someone(contract.freelancer if mine_as_client else contract.client)
    found["milestones"] = [_milestone(m, user) for m in contract.milestones.order_by("position", "pk")]
    found["change_orders"] = [_change_order(order) for order in contract.change_orders.order_by("pk")]
    found["time_sheets"] = [_week(week) for week in contract.timesheet_weeks.order_by("starts_on")]
    return found


def _milestone(milestone: Milestone, user: User) -> dict[str, Any]:
    found = {name: getattr(milestone, name) for name in MILESTONE_FIELDS}
    sent = milestone.freelancer_id == user.pk  # the freelancer's files travel with their archive, not the client's
    found["deliveries"] = [
        {
            "version": delivery.version,
            "message": delivery.message,
            "created_at": delivery.created_at,
            "files": [_file("deliveries", f, sent) for f in delivery.files.all()],
        }
        for delivery in milestone.deliveries.order_by("version")
    ]
    found["disputes"] = [_dispute(dispute, user) for dispute in milestone.disputes.order_by("pk")]
    return found


def _dispute(dispute: Dispute, user: User) -> dict[str, Any]:
    found = {name: getattr(dispute, name) for name in DISPUTE_FIELDS}
    found["statements"] = [
        {
            "by": "you" if statement.author_id == user.pk else statement.role,
            "text": statement.text,
            "created_at": statement.created_at,
            "evidence": [_file("disputes", f, statement.author_id == user.pk) for f in statement.evidence.all()],
        }
        for statement in dispute.statements.order_by("pk")
    ]
    return found


def _change_order(order: ChangeOrder) -> dict[str, Any]:
    fields = ("proposer_role", "note", "deadline", "status", "answer_note", "answered_at", "created_at")
    found = {name: getattr(order, name) for name in fields}
    found["items"] = rows(order.items.order_by("position"), "kind", "title", "amount", "due_on", "revisions")
    return found


def _week(week: TimesheetWeek) -> dict[str, Any]:
    lines = rows(week.lines.order_by("worked_on", "pk"), "worked_on", "minutes", "memo", "disputed")
    return {"starts_on": week.starts_on, "status": week.status, "lines": lines}


def _file(folder: str, row: DeliveryFile | DisputeEvidence, sent: bool) -> dict[str, Any]:
    """A file's name and size; its bytes are in the archive only when the person sent it."""
    return {"name": row.name, "size": row.size, "file": path_or_none(folder, row, row.file, row.name) if sent else None}


def files(user: User) -> list[ArchiveFile]:
    deliveries = DeliveryFile.objects.filter(delivery__milestone__freelancer=user)
    evidence = DisputeEvidence.objects.filter(statement__author=user)
    return present(
        [
            *(file_of("deliveries", f, f.file, f.name) for f in deliveries),
            *(file_of("disputes", f, f.file, f.name) for f in evidence),
        ]
    )
