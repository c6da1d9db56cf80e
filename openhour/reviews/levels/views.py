"""/trust/levels: how each level is earned and lost, generated from the rules the nightly check applies; a
signed-in freelancer also sees where they stand on each criterion and why their level last changed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openhour.reviews.levels import selectors
from openhour.reviews.levels.rules import CRITERIA, LEVELS, REFRESH_EVERY, WINDOW


def trust_levels(request: HttpRequest) -> HttpResponse:
    levels = [(level, [CRITERIA[code].sentence(threshold) for code, threshold in level.thresholds]) for level in LEVELS]
    user = request.user
    freelancer = user.is_authenticated and getattr(user, "is_freelancer", False)
    progress = selectors.progress_of(user=user) if freelancer else None  # type: ignore[arg-type]
    context = {
        "levels": levels,
        "progress": progress,
        "last_run": selectors.last_run(),
        "refresh_hours": int(REFRESH_EVERY.total_seconds() // 3600),
        "window_days": WINDOW.days,
    }
    return render(request, "reviews/levels.html", context)
