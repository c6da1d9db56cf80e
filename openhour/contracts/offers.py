from typing import Any

from openhour.accounts.models import User
from openhour.contracts.models import Contract


def panel(*, contract: Contract, user: User) -> dict[str, Any]:
    return {}
