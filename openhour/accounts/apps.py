from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "openhour.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from openhour.accounts import mfa_devices, signals  # noqa: F401

        mfa_devices.connect()
