"""Building blocks for time-sheet tests: an active hourly contract, and hours logged through the API."""

from typing import Any

from django.test import Client

from openhour.contracts.models import Contract
from openhour.contracts.services.contracts import ContractTerms, contract_start


def hourly_contract_between(
    client: Any,
    freelancer: Any,
    *,
    rate: int = 4500,
    weekly_limit: int = 20,
    time_zone: str = "Europe/London",
    currency: str = "GBP",
) -> Contract:
    """An active hourly contract with no milestones, started now."""
    terms = ContractTerms(
        title="Support hours",
        currency=currency,
        kind=Contract.Kind.HOURLY,
        hourly_rate=rate,
        weekly_limit=weekly_limit,
        time_zone=time_zone,
    )
    return contract_start(client=client, freelancer=freelancer, terms=terms, milestones=[])


def log(browser: Client, contract: Contract, day: str, hours: object = "2", memo: str = "Fixed the checkout") -> Any:
    """POST a line through the API; returns the response."""
    return browser.post(
        f"/api/v1/contracts/{contract.pk}/timesheet/lines",
        {"date": day, "hours": hours, "memo": memo},
        content_type="application/json",
    )
