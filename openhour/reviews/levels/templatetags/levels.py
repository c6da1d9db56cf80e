from typing import Any

from django import template

from openhour.accounts.models import User
from openhour.reviews.levels.selectors import progress_of

register = template.Library()


@register.inclusion_tag("reviews/levels_progress.html")
def level_progress(user: User) -> dict[str, Any]:
    """The dashboard's card: the level a freelancer holds and what the next one still needs."""
    return {"progress": progress_of(user=user)}
