from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Nothing is wired at start-up: `contract_finish` opens a completed contract's review round itself."""

    name = "openhour.reviews"
    label = "reviews"
    verbose_name = "Reviews and reputation"
