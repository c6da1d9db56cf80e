"""Pages of reviews: writing and replying, public reputation and /trust/reviews, the showcase, insights,
and (included) review integrity."""

from django.urls import URLPattern, URLResolver, include, path

from openhour.reviews import views_insights, views_public, views_showcase, views_write

urlpatterns: list[URLPattern | URLResolver] = [
    path("contracts/<int:contract_id>/review", views_write.review_write, name="review_write"),
    path("reviews/<int:review_id>", views_write.review_detail, name="review_detail"),
    path("reviews/<int:review_id>/reply", views_write.review_reply, name="review_reply"),
    path("u/<str:username>/reviews", views_public.public_reviews, name="public_reviews"),
    path("trust/reviews", views_public.trust_reviews, name="trust_reviews"),
    # The card of a review, the platform's public key, the share page; the badge, the widget and the
    # signed export are API endpoints (openhour/reviews/api_showcase.py).
    path("reviews/<int:review_id>/card.png", views_showcase.review_card, name="review_card"),
    path(".well-known/openhour-reviews.pub", views_showcase.public_key, name="reviews_public_key"),
    path("me/reviews/share", views_showcase.share, name="reviews_share"),
    path("me/reviews/insights", views_insights.review_insights, name="review_insights"),
    path("", include("openhour.reviews.integrity.urls")),
]
