"""Who may see and act on a dispute: its milestone's two parties and operators; everyone else is told it
does not exist. Rows are locked in the order the escrow services lock them: the milestone, then the dispute."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.disputes.models import Dispute
from openhour.contracts.models import Milestone
from openhour.lib.errors import InvalidInput, NotFound
from openhour.lib.ids import pk_or_404

MAX_TEXT = 5000


def role_in(dispute: Dispute, user: User | AnonymousUser | None) -> str | None:
    """client, freelancer or operator; None for anyone who may not see the dispute."""
    return dispute.milestone.contract.role_of(user)


def visible_to(user: User | AnonymousUser | None) -> Q | None:
    """The disputes a person may see, as a filter; None when they may see none."""
    if user is None or not user.is_authenticated:
        return None
    if user.is_staff:
        return Q()
    return Q(milestone__contract__client_id=user.pk) | Q(milestone__contract__freelancer_id=user.pk)


def mine(user: User) -> Q:
    """The disputes of the contracts a person is a party to (operators' own contracts too)."""
    return Q(milestone__contract__client_id=user.pk) | Q(milestone__contract__freelancer_id=user.pk)


def locked(dispute_id: int | str, by: User) -> tuple[Dispute, str]:
    """The dispute, locked after its milestone, and the part `by` plays in it."""
    pk = pk_or_404(dispute_id, _("No such dispute."))
    milestone_id = Dispute.objects.filter(pk=pk).values_list("milestone_id", flat=True).first()
    if milestone_id is None:
        raise NotFound(_("No such dispute."))
    dispute = locked_by_ids(milestone_id=milestone_id, dispute_id=pk)
    role = role_in(dispute, by)
    if role is None:
        raise NotFound(_("No such dispute."))
    return dispute, role


def locked_by_ids(*, milestone_id: int, dispute_id: int) -> Dispute:
    milestone = Milestone.objects.select_for_update(of=("self",)).select_related("contract").get(pk=milestone_id)
    dispute = Dispute.objects.select_for_update().get(pk=dispute_id)
    dispute.milestone = milestone
    return dispute


def clean_text(value: str | None, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text or len(text) > MAX_TEXT:
        raise InvalidInput(fields={field: [message]})
    return text
