"""The "Changes to the plan" part shows only where there is something to change or to read: not on an offer
still waiting for its answer, nor on an hourly contract, whose plan is its time sheet."""

import pytest

from openhour.contracts.hourly.tests.kit import hourly_contract_between
from openhour.contracts.tests.test_offers_kit import fixed_offer
from openhour.money.tests.kit import contract_between

pytestmark = pytest.mark.django_db


def test_only_a_fixed_active_contract_offers_changes(clara, fred, client_for):
    offered, hourly = fixed_offer(clara, fred, 40_000), hourly_contract_between(clara, fred)
    for contract in (offered, hourly):
        page = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
        assert "Changes to the plan" not in page
    active = contract_between(clara, fred, 30_000)
    assert "Changes to the plan" in client_for(clara).get(f"/contracts/{active.pk}").content.decode()
