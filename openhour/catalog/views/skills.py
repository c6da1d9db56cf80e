from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openhour.catalog.selectors import taxonomy


def skill_suggest(request: HttpRequest) -> HttpResponse:
    """htmx fragment for the profile form: skills matching what was typed, as checkboxes to tick."""
    q = request.GET.get("skill_q", "")[:80].strip()
    found = taxonomy.skill_search(q=q, limit=12) if len(q) >= 2 else []
    return render(request, "catalog/_skill_suggestions.html", {"skills": found, "q": q})
