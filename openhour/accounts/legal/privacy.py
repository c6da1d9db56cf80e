"""Which versions of the legal documents the person accepted, when and how, for their archive."""

from typing import Any

from openhour.accounts.legal.models import Acceptance
from openhour.accounts.models import User
from openhour.accounts.privacy.sections.base import rows

KEY = "legal_acceptances"
MODELS = ("legal.Acceptance",)


def section(user: User) -> list[dict[str, Any]]:
    return rows(
        Acceptance.objects.filter(user=user).order_by("accepted_at"),
        "document",
        "version",
        "accepted_at",
        "how",
        "address",
    )
