from openhour.accounts.models import User
from openhour.contracts.actions import Action


def actions_for(*, user: User) -> list[Action]:
    return []
