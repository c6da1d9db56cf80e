"""Building blocks for offer tests: an offer as the service makes it, and JSON posts to the API."""

from typing import Any

from openhour.contracts.models import Contract
from openhour.contracts.services import offers


def milestones(*amounts: int, days: int = 7) -> list[dict[str, Any]]:
    return [
        {"title": f"Part {n + 1}", "amount": amount, "due_in_days": days, "criteria": "Works on a phone."}
        for n, amount in enumerate(amounts)
    ]


def fixed_offer(client: Any, freelancer: Any, *amounts: int, days: int = 7) -> Contract:
    """Clara's offer to Fred: one milestone per amount (minor units, GBP), waiting for his answer."""
    return offers.offer_create(
        client=client,
        to=freelancer.username,
        title="Shop redesign",
        message="A new shop for our bakery.",
        currency="GBP",
        milestones=milestones(*(amounts or (30_000,)), days=days),
    )


def hourly_offer(client: Any, freelancer: Any) -> Contract:
    return offers.offer_create(
        client=client,
        to=freelancer.username,
        title="Ongoing support",
        message="A few hours a week.",
        currency="GBP",
        kind="hourly",
        hourly_rate=4_500,
        weekly_limit=10,
        time_zone="Europe/Paris",
    )


def post(client: Any, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(path, body or {}, content_type="application/json")


def offer_body(to: str = "fred", **changes: Any) -> dict[str, Any]:
    body = {
        "to": to,
        "title": "Shop redesign",
        "message": "A new shop for our bakery.",
        "currency": "GBP",
        "kind": "fixed",
        "milestones": milestones(20_000, 10_000),
    }
    return body | changes
