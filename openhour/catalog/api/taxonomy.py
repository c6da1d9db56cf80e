from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from openhour.api.schemas import Page
from openhour.catalog.selectors import taxonomy as selectors

router = Router(tags=["taxonomy"])


class SkillOut(Schema):
    slug: str
    name: str


class CategoryRefOut(Schema):
    """A category named inside another answer (a project, a service)."""

    slug: str
    name: str


class CategoryOut(Schema):
    slug: str
    name: str
    description: str
    skills: list[SkillOut]


class SkillMatchOut(Schema):
    slug: str
    name: str
    category: str = Field(description="The slug of the skill's category")


@router.get("/categories", auth=None, response=Page[CategoryOut])
def categories(request: HttpRequest) -> dict[str, Any]:
    return {
        "items": [
            {
                "slug": c.slug,
                "name": c.name,
                "description": c.description,
                "skills": [{"slug": s.slug, "name": s.name} for s in c.skills.all()],
            }
            for c in selectors.categories_with_skills()
        ],
        "next_cursor": None,
    }


@router.get("/skills", auth=None, response=Page[SkillMatchOut])
def skills(
    request: HttpRequest, q: str = Query("", max_length=80), limit: int = Query(20, ge=1, le=100)
) -> dict[str, Any]:
    found = selectors.skill_search(q=q, limit=limit)
    return {
        "items": [{"slug": s.slug, "name": s.name, "category": s.category.slug} for s in found],
        "next_cursor": None,
    }
