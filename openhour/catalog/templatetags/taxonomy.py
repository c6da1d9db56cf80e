"""Categories and skills as the reader reads them, for templates."""

from collections.abc import Iterable

from django import template

from openhour.catalog.models import Skill, taxonomy_gettext
from openhour.lib.wording import reading_order

register = template.Library()


@register.filter
def in_reading_order(skills: Iterable[Skill]) -> list[Skill]:
    """Skills sorted by the names the reader sees, so a French list runs alphabetically in French."""
    return sorted(skills, key=lambda skill: reading_order(skill.label))


@register.filter
def taxonomy_label(name: str) -> str:
    """A category name stored as text (a review keeps the one its work was in), read in the reader's language."""
    return taxonomy_gettext(name) if name else ""
