from django.db.models import Count, QuerySet

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
