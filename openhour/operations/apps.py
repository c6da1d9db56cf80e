from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What the people who run the market see of it as a whole: figures, health and the market's own brand."""

    name = "openhour.operations"
    label = "operations"
    verbose_name = "Running the market"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from openhour.operations.site_address import site_sync

        post_migrate.connect(site_sync, sender=self, dispatch_uid="openhour.site_sync")
