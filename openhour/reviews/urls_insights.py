"""Insights for the reviewed person, included at the site root."""

from django.urls import path

from openhour.reviews import views_insights

urlpatterns = [
    path("me/reviews/insights", views_insights.review_insights, name="review_insights"),
]
