"""The reviewed person's insights page: only ever the signed-in person's own published reviews."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from openhour.lib.web import AuthenticatedHttpRequest
from openhour.reviews.insights import insights_for


@login_required
def review_insights(request: AuthenticatedHttpRequest) -> HttpResponse:
    insights = insights_for(user=request.user, role=request.GET.get("role", ""))
    return render(request, "reviews/insights.html", {"insights": insights})
