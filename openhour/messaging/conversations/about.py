"""What a message is about: a project, proposal or contract that both people in the conversation may see.
On the outside it is one string, `project:3`, `proposal:8` or `contract:12`."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.models import Contract
from openhour.jobs.models import Project, Proposal
from openhour.jobs.selectors.projects import visible_to
from openhour.lib.errors import InvalidInput
from openhour.lib.ids import pk_or_none
from openhour.messaging.models import Message

KINDS = ("project", "proposal", "contract")


@dataclass(frozen=True)
class About:
    project: Project | None = None
    proposal: Proposal | None = None
    contract: Contract | None = None

    @property
    def fields(self) -> dict[str, Any]:
        return {"project": self.project, "proposal": self.proposal, "contract": self.contract}


def _refused() -> InvalidInput:
    message = _("Choose a project, proposal or contract you both take part in.")
    return InvalidInput(message, fields={"about": [message]})


def about_resolve(raw: str | None, *, a: User, b: User) -> About:
    """The thing `raw` names, if both `a` and `b` may see it; nothing for an empty value; else a field error."""
    if not raw:
        return About()
    kind, _sep, ident = str(raw).partition(":")
    pk = pk_or_none(ident)
    if kind not in KINDS or pk is None:
        raise _refused()
    found: Any = None
    if kind == "project":
        found = Project.objects.filter(visible_to(a), pk=pk).filter(visible_to(b)).first()
        if found is not None and found.client_id not in (a.pk, b.pk):
            found = None  # someone else's project is not the pair's business
        return About(project=_or_refuse(found))
    if kind == "proposal":
        found = proposals_between(a, b).filter(pk=pk).first()
        return About(proposal=_or_refuse(found), project=found.project)
    found = contracts_between(a, b).filter(pk=pk).first()
    return About(contract=_or_refuse(found))


def _or_refuse(found: Any) -> Any:
    if found is None:
        raise _refused()
    return found


def proposals_between(a: User | int, b: User | int) -> QuerySet[Proposal]:
    pair = Q(freelancer=a, project__client=b) | Q(freelancer=b, project__client=a)
    return Proposal.objects.filter(pair).select_related("project")


def contracts_between(a: User | int, b: User | int) -> QuerySet[Contract]:
    return Contract.objects.filter(Q(client=a, freelancer=b) | Q(client=b, freelancer=a))


def about_choices(a: User, b: User) -> list[tuple[str, str]]:
    """What the pair's messages may be about, for the form: their contracts, proposals and open projects."""
    choices = [(f"contract:{c.pk}", _("Contract: %(t)s") % {"t": c.title}) for c in contracts_between(a, b)[:20]]
    choices += [
        (f"proposal:{p.pk}", _("Proposal for: %(t)s") % {"t": p.project.title}) for p in proposals_between(a, b)[:20]
    ]
    projects = Project.objects.filter(client__in=[a, b], status=Project.Status.OPEN)
    projects = projects.filter(visible_to(a)).filter(visible_to(b))
    choices += [(f"project:{p.pk}", _("Project: %(t)s") % {"t": p.title}) for p in projects[:20]]
    return choices


def about_key(message: Message) -> str:
    """The `about` string of a stored message ("" when it is about nothing in particular)."""
    if message.contract_id:
        return f"contract:{message.contract_id}"
    if message.proposal_id:
        return f"proposal:{message.proposal_id}"
    return f"project:{message.project_id}" if message.project_id else ""
