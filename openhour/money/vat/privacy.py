"""The person's billing details, for their archive (openhour/accounts/privacy)."""

from typing import Any

from openhour.accounts.models import User
from openhour.accounts.privacy.sections.base import rows
from openhour.money.vat.models import BillingDetails

KEY = "billing"
MODELS = ("vat.BillingDetails",)


def section(user: User) -> list[dict[str, Any]]:
    return rows(
        BillingDetails.objects.filter(person=user),
        "kind", "legal_name", "vat_number", "vat_check", "country", "address", "updated_at",
    )  # fmt: skip
