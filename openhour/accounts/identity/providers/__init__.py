"""Identity providers behind one small interface, chosen by `IDENTITY_PROVIDER`: `manual` (default) or `stripe`."""

from django.conf import settings

from openhour.accounts.identity.providers.base import IdentityProvider, ProviderUnavailable, Started


def provider(name: str | None = None) -> IdentityProvider:
    """The provider named (a webhook speaks for the one its check started with), else the configured one."""
    name = name or settings.IDENTITY_PROVIDER
    if name == "manual":
        from openhour.accounts.identity.providers.manual import ManualProvider

        return ManualProvider()
    if name == "stripe":
        from openhour.accounts.identity.providers.stripe import StripeIdentityProvider

        return StripeIdentityProvider()
    raise LookupError(f"unknown identity provider {name!r}")


__all__ = ["IdentityProvider", "ProviderUnavailable", "Started", "provider"]
