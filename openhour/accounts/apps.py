from allauth.account.apps import AccountConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    # Two configs live in this module, so Django needs to be told which one is the accounts app's own.
    default = True
    name = "openhour.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from openhour.accounts import mfa_devices, signals  # noqa: F401

        mfa_devices.connect()


class SignInAddressesConfig(AccountConfig):
    """allauth's account app, named for what the admin lists under it, so the admin has one "Accounts" section."""

    verbose_name = _("Sign-in e-mail addresses")
