from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "openhour.reviews"
    label = "reviews"
    verbose_name = "Reviews and reputation"

    def ready(self) -> None:
        # A contract that ends with work paid for opens its review round; contracts never call into reviews.
        from openhour.reviews.services import rounds

        rounds.connect()
