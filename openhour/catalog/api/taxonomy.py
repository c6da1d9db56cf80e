from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from openhour.catalog.selectors import taxonomy as selectors

router = Router(tags=["taxonomy"])


@router.get("/categories", auth=None)
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


@router.get("/skills", auth=None)
def skills(
    request: HttpRequest, q: str = Query("", max_length=80), limit: int = Query(20, ge=1, le=100)
) -> dict[str, Any]:
    found = selectors.skill_search(q=q, limit=limit)
    return {
        "items": [{"slug": s.slug, "name": s.name, "category": s.category.slug} for s in found],
        "next_cursor": None,
    }
