"""Shared helpers for the proposal tests: a project posted by Clara and proposals sent to it."""

from typing import Any

from openhour.jobs.models import Project, Proposal
from openhour.jobs.services.projects import project_post
from openhour.jobs.services.proposals import proposal_send


def post(client: Any, **fields: Any) -> Project:
    base = {
        "title": "Django shop",
        "description": "A small online shop.",
        "category": "web-software",
        "skills": ["django", "python"],
        "budget_min": 50_000,
        "budget_max": 150_000,
    }
    return project_post(client=client, **(base | fields))


def terms(price: int = 60_000, **changes: Any) -> dict[str, Any]:
    half = price // 2
    base = {
        "cover_letter": "I have built many shops like this one.",
        "price": price,
        "delivery_days": 14,
        "milestones": [
            {"title": "Design", "amount": half, "due_in_days": 7},
            {"title": "Build", "amount": price - half, "due_in_days": 14},
        ],
    }
    return base | changes


def send(project: Project, freelancer: Any, **changes: Any) -> Proposal:
    return proposal_send(project_id=project.pk, freelancer=freelancer, **terms(**changes))
