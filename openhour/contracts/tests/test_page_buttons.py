"""The contract page's milestone buttons are `Milestone.TRANSITIONS` read for the viewer's part: from each
status the client and the freelancer see exactly the steps the table grants them, and an operator, who acts
from the operator panel with a written reason, sees none of them. Two conditions the table does not hold
stay beside it: funding needs a live contract, and a request for changes needs a round left. Release before
anything is delivered is offered apart, behind a warning."""

from typing import Any

import pytest

from openhour.contracts.models import Milestone
from openhour.contracts.tests.test_milestone_table import reach
from openhour.contracts.tests.test_offers_kit import fixed_offer

pytestmark = pytest.mark.django_db

ACTIONS = ("fund", "release", "release_early", "refund", "submit", "request_changes")
BUTTONS = {action: f"can_{action}" for action in ACTIONS}
# Written out from the table, so that a change to the table or to the page shows here.
GRANTS = {
    ("awaiting_funding", "client"): {"fund"},
    ("funded", "client"): {"release_early"},  # release is granted, but offered behind a warning until delivery
    ("funded", "freelancer"): {"submit", "refund"},
    ("submitted", "client"): {"release", "request_changes"},
    ("submitted", "freelancer"): {"refund"},
    ("changes_requested", "client"): {"release"},
    ("changes_requested", "freelancer"): {"submit", "refund"},
}
STATUSES = ["awaiting_funding", "funded", "submitted", "changes_requested", "released", "refunded", "disputed"]


def buttons(browser: Any, contract_id: int) -> set[str]:
    answer = browser.get(f"/contracts/{contract_id}")
    assert answer.status_code == 200
    [row] = answer.context["rows"]
    return {action for action, flag in BUTTONS.items() if getattr(row, flag)}


@pytest.mark.parametrize("status", STATUSES)
def test_each_part_sees_the_buttons_the_table_grants_it(status, clara, fred, operator, client_for, ledger_ok):
    cast = {"client": clara, "freelancer": fred, "operator": operator}
    milestone = reach(status, cast)
    for part, person in cast.items():
        assert buttons(client_for(person), milestone.contract_id) == GRANTS.get((status, part), set()), part
    ledger_ok()


def test_an_offer_not_yet_accepted_takes_no_money(clara, fred, client_for):
    contract = fixed_offer(clara, fred, 20_000)
    assert contract.milestones.get().status == "awaiting_funding"
    assert buttons(client_for(clara), contract.pk) == set()


def test_changes_are_asked_for_only_while_rounds_are_left(clara, fred, operator, client_for, ledger_ok):
    milestone = reach("submitted", {"client": clara, "freelancer": fred, "operator": operator})
    Milestone.objects.filter(pk=milestone.pk).update(revisions_used=milestone.revisions_allowed)
    assert buttons(client_for(clara), milestone.contract_id) == {"release"}
    ledger_ok()
