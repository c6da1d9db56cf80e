"""Every (status, action, actor) of a contract, through the services: each step succeeds exactly where the
table below grants it; otherwise it is refused — 409 `contract_<status>` when the step does not exist from
that status, 403 when it does but not for this actor, 404 for an outsider — and nothing changes.

The system expires an offer (`offer_expire`, which its timer calls) and ends a contract (`contract_finish`,
which the never-funded timer calls); people have no service for "expire", so only the system is tried."""

from typing import Any

import pytest
from django.db import transaction

from openhour.contracts.models import Contract
from openhour.contracts.services import contracts as services
from openhour.contracts.services import offers
from openhour.contracts.tests.test_offers_kit import fixed_offer, post
from openhour.lib.errors import DomainError
from openhour.lib.process import SYSTEM

pytestmark = pytest.mark.django_db

# Who may take which step from which status: the product's rules, written out to check the code's table.
ALLOWED = {
    ("offered", "accept"): {"freelancer"},
    ("offered", "decline"): {"freelancer"},
    ("offered", "withdraw"): {"client", "operator"},
    ("offered", "expire"): {"system"},
    ("active", "end"): {"client", "freelancer", "operator", "system"},
}
STATUSES = ["offered", "active", "declined", "withdrawn", "ended"]
PEOPLE = ["client", "freelancer", "operator", "olga"]
CASES = [(action, actor) for action in ("accept", "decline", "withdraw", "end") for actor in PEOPLE]
CASES += [("expire", SYSTEM), ("end", SYSTEM)]


def test_the_table_in_the_code_is_the_table_above():
    assert {(str(s), a): set(step.actors) for (s, a), step in Contract.TRANSITIONS.items()} == ALLOWED


def reach(status: str, cast: dict[str, Any]) -> Contract:
    """A contract in `status`, brought there by the services."""
    contract = fixed_offer(cast["client"], cast["freelancer"], 20_000)
    if status in ("active", "ended"):
        offers.offer_accept(contract_id=contract.pk, by=cast["freelancer"])
    if status == "declined":
        offers.offer_decline(contract_id=contract.pk, by=cast["freelancer"], note="Busy.")
    if status == "withdrawn":
        offers.offer_withdraw(contract_id=contract.pk, by=cast["client"])
    if status == "ended":
        services.contract_end(contract_id=contract.pk, by=cast["client"])
    contract.refresh_from_db()
    assert contract.status == status
    return contract


def take(action: str, actor: str, contract: Contract, cast: dict[str, Any]) -> None:
    note = "Written reason."  # operators must give one; for the others it is an optional note
    if actor == SYSTEM and action == "expire":
        offers.offer_expire(contract_id=contract.pk)
    elif actor == SYSTEM:
        with transaction.atomic():
            services.contract_finish(contract=services.contract_lock(contract.pk), actor=SYSTEM, note=note)
    elif action == "end":
        services.contract_end(contract_id=contract.pk, by=cast[actor], note=note)
    else:
        service = {"accept": offers.offer_accept, "decline": offers.offer_decline, "withdraw": offers.offer_withdraw}
        service[action](contract_id=contract.pk, by=cast[actor], note=note)


def expected(status: str, action: str, actor: str) -> int:
    if actor == "olga":
        return 404
    allowed = ALLOWED.get((status, action))
    if allowed is None:
        return 409
    return 200 if actor in allowed else 403


def snapshot(contract: Contract) -> tuple[Any, ...]:
    contract.refresh_from_db()
    pending = contract.timers.filter(fired_at=None, cancelled_at=None).count()
    return contract.status, contract.outcome, contract.events.count(), pending


@pytest.fixture
def cast(clara, fred, olga, operator) -> dict[str, Any]:
    return {"client": clara, "freelancer": fred, "olga": olga, "operator": operator}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize(("action", "actor"), CASES)
def test_each_step_by_each_actor_from_each_status(status, action, actor, cast):
    contract = reach(status, cast)
    before = snapshot(contract)
    want = expected(status, action, actor)
    try:
        take(action, actor, contract, cast)
    except DomainError as error:
        assert error.status == want, (error.code, error.message)
        if want == 409:
            assert error.code == f"contract_{status}"
        assert snapshot(contract) == before
        return
    assert want == 200
    contract.refresh_from_db()
    step = Contract.TRANSITIONS[(Contract.Status(status), action)]
    assert contract.status == step.to
    event = contract.events.last()
    assert (event.action, event.actor, event.from_status, event.to_status) == (action, actor, status, step.to)


API = [
    ("offered", "accept", "client", 403),
    ("offered", "accept", "olga", 404),
    ("offered", "withdraw", "freelancer", 403),
    ("active", "decline", "freelancer", 409),
    ("withdrawn", "withdraw", "client", 409),
    ("declined", "accept", "freelancer", 409),
    ("ended", "end", "freelancer", 409),
    ("active", "end", "freelancer", 200),
    ("offered", "withdraw", "client", 200),
]


@pytest.mark.parametrize(("status", "action", "actor", "code"), API)
def test_a_sample_through_the_api(status, action, actor, code, cast, client_for):
    contract = reach(status, cast)
    answer = post(client_for(cast[actor]), f"/api/v1/contracts/{contract.pk}/{action}", {"note": "Why."})
    assert answer.status_code == code, answer.content
    if code == 409:
        assert answer.json()["error"]["code"] == f"contract_{status}"
