"""The demo operator's authenticator app: a fixed, published secret, so the printed operator login always works
although operators must use two-factor sign-in. `manage.py demo_totp` prints the current code."""

import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt

from openhour.accounts.models import User

# Published with the demo password; demo accounts are refused when DEBUG is off (seed_demo --force aside).
DEMO_TOTP_SECRET = "OPENHOURDEMOOPERATOR2FA234567ABC"  # noqa: S105 - base32, printed for everyone


def demo_authenticator_set(*, user: User) -> None:
    """Give `user` the demo authenticator app, putting the published secret back if it was changed."""
    found = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if found is not None and decrypt(found.data["secret"]) == DEMO_TOTP_SECRET:
        return
    if found is not None:
        found.delete()
    TOTP.activate(user, DEMO_TOTP_SECRET)


def demo_totp_code() -> str:
    """The code an authenticator app set up with the demo secret shows now."""
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // app_settings.TOTP_PERIOD))
