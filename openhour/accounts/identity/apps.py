from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "openhour.accounts.identity"
    label = "identity"
    verbose_name = "Identity checks"
