"""Card gateways behind one small interface, chosen by `PAYMENT_GATEWAY`: `sandbox` (default) or `stripe`."""

from django.conf import settings

from openhour.money.gateways.base import Charge, Gateway, GatewayError


def gateway(name: str | None = None) -> Gateway:
    """The gateway named (a payment keeps the one it started with), else the configured one."""
    name = name or settings.PAYMENT_GATEWAY
    if name == "sandbox":
        from openhour.money.gateways.sandbox import SandboxGateway

        return SandboxGateway()
    if name == "stripe":
        from openhour.money.gateways.stripe import StripeGateway

        return StripeGateway()
    raise LookupError(f"unknown payment gateway {name!r}")


__all__ = ["Charge", "Gateway", "GatewayError", "gateway"]
