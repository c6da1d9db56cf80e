"""The tax details a freelancer gave for seller income reporting, for their archive (openhour/accounts/privacy)."""

from typing import Any

from openhour.accounts.models import User
from openhour.accounts.privacy.sections.base import rows
from openhour.money.reporting.models import TaxDetails

KEY = "tax_details"
MODELS = ("reporting.TaxDetails",)


def section(user: User) -> list[dict[str, Any]]:
    fields = [field.name for field in TaxDetails._meta.concrete_fields if field.name not in {"id", "user"}]
    return rows(TaxDetails.objects.filter(user=user), *fields)
