"""Pages for contracts: one contract, for its two parties and operators."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from openhour.contracts import selectors
from openhour.lib.errors import NotFound


@login_required
def contract_detail(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = selectors.contract_detail(contract_id=contract_id, viewer=request.user)
    if contract is None:  # others' contracts answer like missing ones
        raise NotFound(_("No such contract."))
    milestones = list(contract.milestones.all())
    context = {
        "contract": contract, "milestones": milestones, "events": list(contract.events.all()),
        "total": sum(m.amount for m in milestones),
    }  # fmt: skip
    return render(request, "contracts/contract_detail.html", context)
