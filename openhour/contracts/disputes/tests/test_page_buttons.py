"""The dispute page offers each person the steps `Dispute.TRANSITIONS` grants their part from the dispute's
status, narrowed where the table cannot say it: only the party who opened a dispute withdraws it, only a
party the decision did not give everything appeals, and an appeal goes to another operator."""

from typing import Any

import pytest

from conftest import make_user
from openhour.contracts.disputes.tests.kit import appeal, decide, funded, open_dispute

pytestmark = pytest.mark.django_db

FLAGS = ("can_withdraw", "can_decide", "can_appeal")


def offered(browser: Any, pk: int) -> set[str]:
    answer = browser.get(f"/disputes/{pk}")
    assert answer.status_code == 200
    return {flag for flag in FLAGS if answer.context[flag]}


def test_each_person_is_offered_the_steps_of_their_part(clara, fred, operator, client_for, ledger_ok):
    otto = make_user("otto", name="Otto Operator", is_staff=True)
    milestone = funded(clara, fred)
    pk = int(open_dispute(client_for(clara), milestone).json()["id"])
    seen = {name: offered(client_for(person), pk) for name, person in [("clara", clara), ("fred", fred)]}
    assert seen == {"clara": {"can_withdraw"}, "fred": set()}
    assert offered(client_for(operator), pk) == {"can_withdraw", "can_decide"}

    assert decide(client_for(operator), pk, 12_000).status_code == 200
    assert offered(client_for(clara), pk) == offered(client_for(fred), pk) == {"can_appeal"}
    assert offered(client_for(operator), pk) == set()

    assert appeal(client_for(clara), pk).status_code == 200
    assert offered(client_for(clara), pk) == offered(client_for(fred), pk) == set()
    assert offered(client_for(operator), pk) == set()  # it decided the dispute appealed
    assert offered(client_for(otto), pk) == {"can_decide"}
    ledger_ok()


def test_a_decision_that_gave_a_party_everything_leaves_it_nothing_to_appeal(
    clara, fred, operator, client_for, ledger_ok
):
    milestone = funded(clara, fred)
    pk = int(open_dispute(client_for(fred), milestone).json()["id"])
    assert offered(client_for(fred), pk) == {"can_withdraw"} and offered(client_for(clara), pk) == set()
    assert decide(client_for(operator), pk, 30_000).status_code == 200  # all of it to the freelancer
    assert offered(client_for(fred), pk) == set() and offered(client_for(clara), pk) == {"can_appeal"}
    ledger_ok()
