"""What the saved-search tests share: posting a project as a client would, and the alert e-mails sent."""

from typing import Any

from openhour.accounts.models import User
from openhour.jobs.models import Project
from openhour.jobs.services.projects import project_post


def post(client: User, title: str, **overrides: Any) -> Project:
    fields: dict[str, Any] = {
        "title": title,
        "description": f"We need help soon: {title}.",
        "category": "web-software",
        "skills": [],
        "budget_min": 10000,
        "budget_max": 20000,
        "currency": "GBP",
    }
    return project_post(client=client, **(fields | overrides))


def alerts_to(mailoutbox: list[Any], user: User) -> list[Any]:
    """The saved-search alerts (their unsubscribe link names saved-searches) sent to one person."""
    return [
        m
        for m in mailoutbox
        if m.to == [user.email] and "saved-searches" in m.extra_headers.get("List-Unsubscribe", "")
    ]
