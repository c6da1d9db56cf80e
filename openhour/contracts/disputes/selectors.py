"""Reads for disputes: only the milestone's two parties and operators see a dispute or its files."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.actions import Action
from openhour.contracts.disputes.access import mine, role_in, visible_to
from openhour.contracts.disputes.models import Dispute, DisputeEvidence, DisputeStatement
from openhour.lib.ids import pk_or_none
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, SYSTEM, allowed_actions, statuses_allowing

WITH_PARTIES = ("milestone__contract__client", "milestone__contract__freelancer")
# From Dispute.TRANSITIONS: the sides are still to answer while the system may close the statements; an
# operator must decide where the table lets them decide or decide an appeal and nobody is still to answer.
ANSWERING = statuses_allowing(Dispute, "close_statements", SYSTEM)
DECIDING = sorted(
    {*statuses_allowing(Dispute, "decide", OPERATOR), *statuses_allowing(Dispute, "decide_appeal", OPERATOR)}
    - set(ANSWERING)
)
APPEALABLE = sorted({*statuses_allowing(Dispute, "appeal", CLIENT), *statuses_allowing(Dispute, "appeal", FREELANCER)})


def dispute_detail(*, dispute_id: int | str, viewer: User | AnonymousUser | None) -> Dispute | None:
    visible, pk = visible_to(viewer), pk_or_none(dispute_id)
    if visible is None or pk is None:
        return None
    return (
        Dispute.objects.filter(visible, pk=pk)
        .select_related(*WITH_PARTIES, "opened_by", "appealed_by")
        .prefetch_related("statements__author", "statements__evidence", "events__by")
        .first()
    )


def disputes_of(*, user: User) -> QuerySet[Dispute]:
    """The disputes on a person's contracts, newest first."""
    return (
        Dispute.objects.filter(mine(user))
        .select_related(*WITH_PARTIES, "opened_by", "appealed_by")
        .prefetch_related("statements__author", "statements__evidence", "events__by")
    )


def dispute_queue() -> QuerySet[Dispute]:
    """What operators must decide: heard disputes and appeals, oldest first."""
    return Dispute.objects.filter(status__in=DECIDING).select_related(*WITH_PARTIES).order_by("created_at", "id")


def disputes_open_count() -> int:
    return Dispute.objects.filter(status=Dispute.Status.OPEN).count()


def evidence_for(*, evidence_id: int | str, viewer: User | AnonymousUser | None) -> DisputeEvidence | None:
    """An evidence file, for the dispute's parties and operators only."""
    visible, pk = visible_to(viewer), pk_or_none(evidence_id)
    if visible is None or pk is None:
        return None
    disputes = Dispute.objects.filter(visible)
    return DisputeEvidence.objects.filter(pk=pk, statement__dispute__in=disputes).first()


def disputes_of_contract(*, contract_id: int) -> list[Dispute]:
    return list(
        Dispute.objects.filter(milestone__contract_id=contract_id)
        .select_related("milestone")
        .prefetch_related("events__by")
        .order_by("created_at", "id")
    )


def actions_for(*, user: User) -> list[Action]:
    """Disputes waiting for this person's answer, and decisions they may still appeal."""
    spoken = Prefetch("statements", queryset=DisputeStatement.objects.only("id", "dispute_id", "role"))
    found = (
        Dispute.objects.filter(mine(user), status__in=[*ANSWERING, *APPEALABLE])
        .select_related("milestone__contract__client", "milestone__contract__freelancer")
        .prefetch_related(spoken)
        .order_by("due_at")
    )
    actions = []
    for dispute in found:
        role = role_in(dispute, user)
        url = reverse("dispute_detail", args=[dispute.pk])
        title = dispute.milestone.title
        if dispute.status in ANSWERING and role not in {s.role for s in dispute.statements.all()}:
            actions.append(
                Action(
                    kind="answer_dispute",
                    url=url,
                    due_at=dispute.due_at,
                    title=_("Answer the dispute on “%(title)s” before the deadline") % {"title": title},
                )
            )
        elif may_appeal(dispute, role):
            actions.append(
                Action(
                    kind="appeal_dispute",
                    url=url,
                    due_at=dispute.due_at,
                    title=_("Read the decision on “%(title)s”: you may appeal it") % {"title": title},
                )
            )
    return actions


def may_appeal(dispute: Dispute, role: str | None) -> bool:
    """A decided dispute that did not give this party everything held."""
    if "appeal" not in allowed_actions(dispute, role) or dispute.release is None:
        return False
    if role == CLIENT:
        return dispute.release > 0
    if role == FREELANCER:
        return dispute.release < dispute.held
    return False
