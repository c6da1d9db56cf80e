from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from openhour.catalog.models import Category, Skill


def category_list() -> QuerySet[Category]:
    return Category.objects.annotate(skill_count=Count("skills"))


def categories_with_skills() -> list[Category]:
    return list(Category.objects.prefetch_related("skills"))


def skill_search(*, q: str = "", limit: int = 20) -> QuerySet[Skill]:
    skills = Skill.objects.select_related("category")
    if q.strip():
        skills = skills.filter(name__icontains=q.strip())
    return skills[:limit]


def category_from_slug(slug: object, errors: dict[str, list[str]]) -> Category | None:
    """The category a form or request named, or an error on `category`."""
    found = Category.objects.filter(slug=str(slug)).first()
    if found is None:
        errors["category"] = [_("Choose a category from the list.")]
    return found


def skills_from_slugs(slugs: list[str], errors: dict[str, list[str]], *, limit: int) -> list[Skill]:
    """The skills named (a repeat counts once), or an error on `skills` for unknown ones or too many. Too many
    counts the entries as sent, repeats too, as the schema's `maxItems` does."""
    wanted = list(dict.fromkeys(slugs))
    found = list(Skill.objects.filter(slug__in=wanted))
    if len(found) != len(wanted):
        unknown = sorted(set(wanted) - {skill.slug for skill in found})
        errors["skills"] = [_("Unknown skills: %(names)s.") % {"names": ", ".join(unknown)}]
    elif len(slugs) > limit:
        errors["skills"] = [_("Choose at most %(n)d skills: the ones that matter most.") % {"n": limit}]
    return found
