"""Pages of reviews: writing and replying, public reputation and /trust/reviews, the showcase, insights,
and (included) review integrity."""

from django.urls import URLPattern, URLResolver, include, path

from openhour.reviews.views import insights, public, showcase, write

urlpatterns: list[URLPattern | URLResolver] = [
    path("contracts/<int:contract_id>/review", write.review_write, name="review_write"),
    path("reviews/<int:review_id>", write.review_detail, name="review_detail"),
    path("reviews/<int:review_id>/reply", write.review_reply, name="review_reply"),
    path("u/<str:username>/reviews", public.public_reviews, name="public_reviews"),
    path("trust/reviews", public.trust_reviews, name="trust_reviews"),
    # The card of a review, the platform's public key, the share page; the badge, the widget and the
    # signed export are API endpoints (openhour/reviews/api_showcase.py).
    path("reviews/<int:review_id>/card.png", showcase.review_card, name="review_card"),
    path(".well-known/openhour-reviews.pub", showcase.public_key, name="reviews_public_key"),
    path("me/reviews/share", showcase.share, name="reviews_share"),
    path("me/reviews/insights", insights.review_insights, name="review_insights"),
    path("", include("openhour.reviews.integrity.urls")),
    path("", include("openhour.reviews.levels.urls")),
]
