"""Writing a review of a contract, one published review on its own page, and the reply to it."""

from django.urls import path

from openhour.reviews import views_write as views

urlpatterns = [
    path("contracts/<int:contract_id>/review", views.review_write, name="review_write"),
    path("reviews/<int:review_id>", views.review_detail, name="review_detail"),
    path("reviews/<int:review_id>/reply", views.review_reply, name="review_reply"),
]
