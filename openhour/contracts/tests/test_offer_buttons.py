"""The offer on the contract page and the dashboard's next steps come from `Contract.TRANSITIONS` and
`Milestone.TRANSITIONS` for the viewer's part: the freelancer answers an offer, the client withdraws it, and
each side is asked only for the milestone steps the table grants it. Whoever must not see a button does not,
and posting its action anyway is refused."""

from typing import Any

import pytest

from openhour.contracts.dashboard import selectors as dashboard
from openhour.contracts.services import offers
from openhour.contracts.tests.test_milestone_table import reach
from openhour.contracts.tests.test_offers_kit import fixed_offer

pytestmark = pytest.mark.django_db

REFUSED = (403, 409)
UNSEEN = (403, 404)  # an outsider is told there is no such contract


def offer_seen(browser: Any, contract_id: int) -> tuple[dict[str, Any], str]:
    answer = browser.get(f"/contracts/{contract_id}")
    assert answer.status_code == 200
    return answer.context["offer"], answer.content.decode()


def test_the_client_cannot_answer_her_own_offer(clara, fred, client_for):
    contract = fixed_offer(clara, fred, 20_000)
    offer, html = offer_seen(client_for(clara), contract.pk)
    assert (offer["can_answer"], offer["can_withdraw"]) == (False, True)
    for step in ("accept", "decline"):
        assert f"/contracts/{contract.pk}/{step}" not in html
        assert client_for(clara).post(f"/contracts/{contract.pk}/{step}").status_code in REFUSED, step
    contract.refresh_from_db()
    assert contract.status == "offered"


def test_the_freelancer_cannot_withdraw_the_clients_offer(clara, fred, client_for):
    contract = fixed_offer(clara, fred, 20_000)
    offer, html = offer_seen(client_for(fred), contract.pk)
    assert (offer["can_answer"], offer["can_withdraw"]) == (True, False)
    assert f"/contracts/{contract.pk}/withdraw" not in html
    assert client_for(fred).post(f"/contracts/{contract.pk}/withdraw").status_code in REFUSED
    contract.refresh_from_db()
    assert contract.status == "offered"


def test_an_operator_withdraws_from_the_operator_form_not_the_offer(clara, fred, operator, client_for):
    contract = fixed_offer(clara, fred, 20_000)
    offer, _html = offer_seen(client_for(operator), contract.pk)
    assert (offer["can_answer"], offer["can_withdraw"]) == (False, False)
    assert [step.value for step in offers.operator_steps(contract)] == ["contract:withdraw"]


def test_an_outsider_answers_nothing(clara, fred, olga, client_for):
    contract = fixed_offer(clara, fred, 20_000)
    for step in ("accept", "decline", "withdraw"):
        assert client_for(olga).post(f"/contracts/{contract.pk}/{step}").status_code in UNSEEN, step
    contract.refresh_from_db()
    assert contract.status == "offered"


def test_an_answered_offer_offers_nobody_an_answer(clara, fred, client_for):
    contract = fixed_offer(clara, fred, 20_000)
    offers.offer_decline(contract_id=contract.pk, by=fred)
    for person in (clara, fred):
        offer, _html = offer_seen(client_for(person), contract.pk)
        assert (offer["can_answer"], offer["can_withdraw"]) == (False, False)
    assert client_for(fred).post(f"/contracts/{contract.pk}/accept").status_code == 302  # a message, not a change
    contract.refresh_from_db()
    assert contract.status == "declined"


@pytest.mark.parametrize(
    ("status", "clara_asked", "fred_asked"),
    [
        ("awaiting_funding", {"fund"}, set()),
        ("funded", set(), {"deliver"}),
        ("submitted", {"review_delivery"}, set()),
        ("changes_requested", set(), {"revise"}),
        ("disputed", set(), set()),
        ("released", set(), set()),
    ],
)
def test_the_dashboard_asks_each_side_for_its_own_steps_only(
    status, clara_asked, fred_asked, clara, fred, operator, client_for, ledger_ok
):
    milestone = reach(status, {"client": clara, "freelancer": fred, "operator": operator})
    contracts = dashboard.active_contracts(user=clara)
    assert {a.kind for a in dashboard.contract_actions(user=clara)} == clara_asked
    assert {a.kind for a in dashboard.contract_actions(user=fred)} == fred_asked
    assert milestone.contract_id in {c.pk for c in contracts}
    ledger_ok()
