from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from openhour.catalog.models import Category, Skill
from openhour.lib.wording import folded


def category_list() -> QuerySet[Category]:
    return Category.objects.annotate(skill_count=Count("skills"))


def categories_with_skills() -> list[Category]:
    return list(Category.objects.prefetch_related("skills"))


def skill_search(*, q: str = "", limit: int = 20) -> list[Skill]:
    """Skills whose English name or name in the reader's language holds `q`, accents aside: "traduction" and
    "Übersetzung" find French Translation as "translation" does. The taxonomy is a few hundred rows at most, and
    the reader's names live in the catalogue, not the database: so they are compared here, not in SQL."""
    skills = Skill.objects.select_related("category")
    wanted = folded(q.strip())
    if not wanted:
        return list(skills[:limit])
    found = [s for s in skills if wanted in folded(s.name) or wanted in folded(s.label)]
    return found[:limit]


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
