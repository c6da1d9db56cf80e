"""Pages for flags and moderation, each with its full path."""

from django.urls import URLPattern, path

from openhour.reviews.integrity import views_moderation as views

urlpatterns: list[URLPattern] = [
    path("reviews/<int:review_id>/flag", views.review_flag, name="review_flag"),
    path("operations/moderation", views.moderation_queue, name="moderation_queue"),
    path("operations/moderation/log", views.moderation_log, name="moderation_log"),
    path("operations/moderation/<int:case_id>", views.moderation_case, name="moderation_case"),
    path("operations/moderation/<int:case_id>/decide", views.moderation_decide, name="moderation_decide"),
    path("moderation/<int:case_id>", views.moderation_party, name="moderation_party"),
    path("moderation/<int:case_id>/appeal", views.moderation_appeal, name="moderation_appeal"),
]
