from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openhour.catalog.selectors import taxonomy

MAX_CHOSEN = 100  # more than any form allows; the rest of a longer list is ignored


def skill_suggest(request: HttpRequest) -> HttpResponse:
    """htmx fragment for the skill picker: skills matching what was typed, the ones already chosen ticked, so a
    suggestion never offers to add twice what the form already holds."""
    q = request.GET.get("skill_q", "")[:80].strip()
    found = taxonomy.skill_search(q=q, limit=12) if len(q) >= 2 else []
    chosen = set(request.GET.getlist("skills")[:MAX_CHOSEN])
    return render(request, "catalog/_skill_suggestions.html", {"skills": found, "q": q, "chosen": chosen})
