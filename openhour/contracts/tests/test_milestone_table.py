"""Every (status, action, actor) of a milestone, through the services: fund, submit, request changes,
release, refund and split succeed exactly where the table below grants them; otherwise they are refused —
409 `milestone_<status>` when the step does not exist from that status, 403 when it does but not for this
actor, 404 for an outsider — and neither the status nor any balance changes. Money paths end with the
ledger check.

The system takes the money steps through the escrow services (its timers and dispute decisions do); it has
no service to deliver or ask for changes. "dispute" goes through the disputes service. "resume" and
"resume_review" happen only as a dispute is withdrawn, and "remove" only as a change order is accepted: their
own tables and tests cover them (contracts/disputes/tests, contracts/change_orders/tests). The "removed"
status is made with `transition()` itself, to test the steps above from it."""

from typing import Any

import pytest
from django.db import transaction

from openhour.contracts.disputes.models import Dispute
from openhour.contracts.disputes.services import dispute_open
from openhour.contracts.models import Milestone
from openhour.contracts.services import contracts as services
from openhour.contracts.services import delivery, offers
from openhour.contracts.tests.test_offers_kit import fixed_offer, post
from openhour.lib.errors import DomainError
from openhour.lib.process import SYSTEM, transition
from openhour.money.models import Account
from openhour.money.services import escrow
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db

WORKING = {"funded", "submitted", "changes_requested"}
PAYEE = {"freelancer", "operator", "system"}
ALLOWED = {
    ("awaiting_funding", "fund"): {"client", "system"},
    ("funded", "submit"): {"freelancer"},
    ("changes_requested", "submit"): {"freelancer"},
    ("submitted", "request_changes"): {"client"},
    ("funded", "release"): {"client", "operator", "system"},
    ("submitted", "release"): {"client", "operator", "system"},
    ("changes_requested", "release"): {"client", "operator"},
    **{(status, "refund"): PAYEE for status in WORKING},
    **{(status, "split"): {"operator"} for status in WORKING},
    ("disputed", "release"): {"operator", "system"},
    ("disputed", "refund"): {"operator", "system"},
    ("disputed", "split"): {"operator", "system"},
    **{(status, "dispute"): {"client", "freelancer"} for status in WORKING},
}
ACTIONS = ("fund", "submit", "request_changes", "release", "refund", "split", "dispute")
STATUSES = [
    "awaiting_funding",
    "funded",
    "submitted",
    "changes_requested",
    "released",
    "refunded",
    "split",
    "disputed",
    "removed",
]
PEOPLE = ["client", "freelancer", "operator", "olga"]
CASES = [(action, actor) for action in ACTIONS for actor in PEOPLE]
CASES += [(action, SYSTEM) for action in ("fund", "release", "refund", "split")]
AMOUNT, PART = 20_000, 12_000


def test_the_table_in_the_code_is_the_table_above():
    table = {(str(s), a): set(step.actors) for (s, a), step in Milestone.TRANSITIONS.items() if a in ACTIONS}
    assert table == ALLOWED


def reach(status: str, cast: dict[str, Any]) -> Milestone:
    """A milestone of an accepted offer, brought to `status` by the services (see the module's note)."""
    client, freelancer = cast["client"], cast["freelancer"]
    contract = fixed_offer(client, freelancer, AMOUNT)
    offers.offer_accept(contract_id=contract.pk, by=freelancer)
    milestone = contract.milestones.get()
    top_up(client, 2 * AMOUNT)
    if status not in ("awaiting_funding", "removed"):
        services.milestone_fund(milestone_id=milestone.pk, by=client, method="wallet")
    if status in ("submitted", "changes_requested"):
        delivery.milestone_submit(milestone_id=milestone.pk, by=freelancer, message="The first version.")
    if status == "changes_requested":
        delivery.milestone_request_changes(milestone_id=milestone.pk, by=client, message="Bigger logo.")
    if status == "released":
        services.milestone_release(milestone_id=milestone.pk, by=client)
    if status == "refunded":
        services.milestone_refund(milestone_id=milestone.pk, by=freelancer)
    if status == "split":
        services.milestone_split(milestone_id=milestone.pk, by=cast["operator"], release=PART, note="Half done.")
    if status == "disputed":
        dispute_open(milestone_id=milestone.pk, by=client, reason="Not what we agreed.")
    if status == "removed":
        with transaction.atomic():
            locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
            transition(obj=locked, action="remove", actor=SYSTEM)
    milestone.refresh_from_db()
    assert milestone.status == status
    return milestone


def take(action: str, actor: str, milestone: Milestone, cast: dict[str, Any]) -> None:
    pk, note = milestone.pk, "Written reason."  # operators must give one
    if actor == SYSTEM:
        system = {"fund": escrow.escrow_fund, "release": escrow.escrow_release, "refund": escrow.escrow_refund}
        if action == "split":
            escrow.escrow_split(milestone_id=pk, release=PART, by=None, note=note, actor=SYSTEM)
        else:
            system[action](milestone_id=pk, actor=SYSTEM, note=note)
        return
    by = cast[actor]
    if action == "fund":
        services.milestone_fund(milestone_id=pk, by=by, method="wallet")
    elif action == "submit":
        delivery.milestone_submit(milestone_id=pk, by=by, message="Here it is.")
    elif action == "request_changes":
        delivery.milestone_request_changes(milestone_id=pk, by=by, message="One more change.")
    elif action == "split":
        services.milestone_split(milestone_id=pk, by=by, release=PART, note=note)
    elif action == "dispute":
        dispute_open(milestone_id=pk, by=by, reason="The work is not what we agreed.")
    else:
        {"release": services.milestone_release, "refund": services.milestone_refund}[action](
            milestone_id=pk, by=by, note=note
        )


def expected(status: str, action: str, actor: str) -> int:
    if actor == "olga":
        return 404
    allowed = ALLOWED.get((status, action))
    if allowed is None:
        return 409
    return 200 if actor in allowed else 403


def snapshot(milestone: Milestone) -> tuple[Any, ...]:
    milestone.refresh_from_db()
    balances = sorted(Account.objects.values_list("id", "balance"))
    disputes = Dispute.objects.filter(milestone=milestone).count()
    return milestone.status, milestone.events.count(), milestone.deliveries.count(), disputes, balances


@pytest.fixture
def cast(clara, fred, olga, operator) -> dict[str, Any]:
    return {"client": clara, "freelancer": fred, "olga": olga, "operator": operator}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize(("action", "actor"), CASES)
def test_each_step_by_each_actor_from_each_status(status, action, actor, cast, ledger_ok):
    milestone = reach(status, cast)
    before = snapshot(milestone)
    want = expected(status, action, actor)
    try:
        take(action, actor, milestone, cast)
    except DomainError as error:
        assert error.status == want, (error.code, error.message)
        if want == 409:
            assert error.code == f"milestone_{status}"
        assert snapshot(milestone) == before
        ledger_ok()
        return
    assert want == 200
    milestone.refresh_from_db()
    step = Milestone.TRANSITIONS[(Milestone.Status(status), action)]
    assert milestone.status == step.to
    assert milestone.events.last().actor == actor
    if action in ("release", "refund", "split"):
        assert escrow.escrow_account(milestone).balance == 0  # escrow holds nothing for it any more
    ledger_ok()


API = [
    ("released", "fund", "client", 409),
    ("funded", "release", "freelancer", 403),
    ("funded", "submit", "olga", 404),
    ("disputed", "release", "client", 403),
    ("awaiting_funding", "split", "operator", 409),
    ("submitted", "request-changes", "freelancer", 403),
    ("changes_requested", "refund", "freelancer", 200),
    ("removed", "fund", "client", 409),
]


@pytest.mark.parametrize(("status", "action", "actor", "code"), API)
def test_a_sample_through_the_api(status, action, actor, code, cast, client_for, ledger_ok):
    milestone = reach(status, cast)
    path = f"/api/v1/milestones/{milestone.pk}/{action}"
    browser = client_for(cast[actor])
    body = {"release": PART, "note": "Why."} if action == "split" else {"message": "More.", "note": "Why."}
    if action == "submit":
        answer = browser.post(path, {"message": "Here."})
    elif action == "request-changes":
        answer = post(browser, path, {"message": "More."})
    elif action == "fund":
        answer = post(browser, path)
    else:
        answer = post(browser, path, {k: v for k, v in body.items() if k != "message"})
    assert answer.status_code == code, answer.content
    if code == 409:
        assert answer.json()["error"]["code"] == f"milestone_{status}"
    ledger_ok()
