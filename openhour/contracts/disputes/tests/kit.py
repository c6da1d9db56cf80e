"""Building blocks for dispute tests: a funded (or delivered) milestone between Clara and Fred, and the
API calls each step takes."""

from typing import Any

from django.test import Client

from openhour.contracts.models import Milestone
from openhour.contracts.services import contracts, delivery
from openhour.money.tests.kit import contract_between, top_up

AMOUNT = 30_000  # £300 held; with the 5% client fee Clara pays £315


def funded(clara: Any, fred: Any, *, delivered: bool = False) -> Milestone:
    contract = contract_between(clara, fred, AMOUNT)
    milestone = contract.milestones.get()
    top_up(clara, 31_500)
    contracts.milestone_fund(milestone_id=milestone.pk, by=clara, method="wallet")
    if delivered:
        delivery.milestone_submit(milestone_id=milestone.pk, by=fred, message="The finished design.")
    milestone.refresh_from_db()
    return milestone


def _pk(dispute: Any) -> Any:
    return getattr(dispute, "pk", dispute)


def post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(f"/api/v1{url}", body or {}, content_type="application/json")


def open_dispute(client: Client, milestone: Milestone, reason: str = "The work is not what we agreed.") -> Any:
    return post(client, f"/milestones/{milestone.pk}/dispute", {"reason": reason})


def state(client: Client, dispute: Any, text: str = "My side of it.", files: Any = ()) -> Any:
    pk = _pk(dispute)
    return client.post(f"/api/v1/disputes/{pk}/statements", {"text": text, "attachments": list(files)})


def decide(client: Client, dispute: Any, release: int, decision: str = "Half the work was done.") -> Any:
    pk = _pk(dispute)
    return post(client, f"/disputes/{pk}/decide", {"release": release, "decision": decision})


def appeal(client: Client, dispute: Any, reason: str = "The operator missed my evidence.") -> Any:
    pk = _pk(dispute)
    return post(client, f"/disputes/{pk}/appeal", {"reason": reason})


def withdraw(client: Client, dispute: Any, note: str = "") -> Any:
    pk = _pk(dispute)
    return post(client, f"/disputes/{pk}/withdraw", {"note": note} if note else {})
