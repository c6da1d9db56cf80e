"""An hourly contract cannot end while hours are open, in review or approved and unpaid: ending then would
leave the freelancer unpaid for work they logged."""

import pytest
import time_machine

from openhour.contracts.hourly.models import TimesheetWeek
from openhour.contracts.hourly.services import weeks_fire_due
from openhour.contracts.hourly.tests.kit import hourly_contract_between, log
from openhour.contracts.hourly.tests.test_week_review import MONDAY, NEXT_TUESDAY, THURSDAY, approve
from openhour.contracts.models import Contract

pytestmark = pytest.mark.django_db


def end(browser, contract):
    return browser.post(f"/api/v1/contracts/{contract.pk}/end", {}, content_type="application/json")


def test_ending_waits_for_logged_hours_to_be_reviewed_and_paid(clara, fred, client_for, ledger_ok):
    with time_machine.travel(MONDAY, tick=False):
        contract = hourly_contract_between(clara, fred)
    with time_machine.travel(THURSDAY, tick=False):
        log(client_for(fred), contract, "2026-11-17", "2")
        refused = end(client_for(fred), contract)
        assert (refused.status_code, refused.json()["error"]["code"]) == (409, "hours_unreviewed")

    with time_machine.travel(NEXT_TUESDAY, tick=False):
        weeks_fire_due()
        assert end(client_for(clara), contract).json()["error"]["code"] == "hours_unreviewed"
        week = TimesheetWeek.objects.get()
        assert approve(client_for(clara), week).status_code == 200  # the wallet is empty: the hours await payment
        assert end(client_for(clara), contract).json()["error"]["code"] == "hours_unpaid"

    contract.refresh_from_db()
    assert contract.status == Contract.Status.ACTIVE
    ledger_ok()
