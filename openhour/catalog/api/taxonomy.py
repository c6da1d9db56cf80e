from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from openhour.api.schemas import Page
from openhour.catalog.models import Category, Skill
from openhour.catalog.selectors import taxonomy as selectors

router = Router(tags=["taxonomy"])

NAME = "The English name, stable: what filters and other clients compare"
LABEL = "The name in the reader's language, to show people: the operator's wording, else the shipped translation"


class SkillOut(Schema):
    slug: str
    name: str = Field(description=NAME)
    label: str = Field(description=LABEL)


class CategoryRefOut(Schema):
    """A category named inside another answer (a project, a service)."""

    slug: str
    name: str = Field(description=NAME)
    label: str = Field(description=LABEL)


class CategoryOut(Schema):
    slug: str
    name: str = Field(description=NAME)
    label: str = Field(description=LABEL)
    description: str
    description_label: str = Field(description="The description in the reader's language")
    skills: list[SkillOut]


class SkillMatchOut(Schema):
    slug: str
    name: str = Field(description=NAME)
    label: str = Field(description=LABEL)
    category: str = Field(description="The slug of the skill's category")


def skill_ref(skill: Skill) -> dict[str, str]:
    return {"slug": skill.slug, "name": skill.name, "label": skill.label}


def category_ref(category: Category) -> dict[str, str]:
    return {"slug": category.slug, "name": category.name, "label": category.label}


@router.get("/categories", auth=None, response=Page[CategoryOut])
def categories(request: HttpRequest) -> dict[str, Any]:
    return {
        "items": [
            {
                **category_ref(c),
                "description": c.description,
                "description_label": c.description_label,
                "skills": [skill_ref(s) for s in c.skills.all()],
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
        "items": [{**skill_ref(s), "category": s.category.slug} for s in found],
        "next_cursor": None,
    }
