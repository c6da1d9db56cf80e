"""Showcase paths at the site root: the card of a review, the platform's public key, the share page.
(The badge, the widget and the signed export are API endpoints: openhour/reviews/api_showcase.py.)"""

from django.urls import path

from openhour.reviews import views_showcase as views

urlpatterns = [
    path("reviews/<int:review_id>/card.png", views.review_card, name="review_card"),
    path(".well-known/openhour-reviews.pub", views.public_key, name="reviews_public_key"),
    path("me/reviews/share", views.share, name="reviews_share"),
]
