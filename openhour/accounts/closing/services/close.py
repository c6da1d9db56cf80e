"""Closing one's own account: confirmed with the password (or, without one, a second-factor code), refused
while money or a dispute of theirs is open, then everything it causes, in one transaction."""

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.closing.models import Closing
from openhour.accounts.closing.selectors import closing_refusals
from openhour.accounts.closing.services.erase import personal_data_erase
from openhour.accounts.closing.services.wind_down import open_work_end
from openhour.accounts.mfa import second_factor_on, second_factor_verify
from openhour.accounts.models import User
from openhour.accounts.privacy.log import personal_data_accessed
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed
from openhour.lib.ratelimit import limit_hit


def account_close(
    *, user: User, by: User, password: str = "", code: str = "", request: HttpRequest | None = None
) -> Closing:
    """Close `user`'s account, as they asked (`by` must be them). In order: confirm it is them; refuse (409
    `dispute_open`, `escrow_held`, `balance_remaining`) while something of theirs is open; end their open work
    (projects, proposals, Hourlies, orders, offers, contracts) through its own services; record the erasure in the
    personal-data log; erase their personal data (erase.py), which ends sign-in, sessions, tokens, webhooks and
    alerts. The ledger, invoices, contracts, reviews and messages to others stay, anonymised."""
    if by.pk != user.pk or not user.is_active:
        raise NotAllowed(_("Only the person themselves can close their account."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)  # one closing at a time; money steps wait
        _confirm(user=user, password=password, code=code, request=request)
        refusals = closing_refusals(user=user)
        if refusals:
            raise Conflict(refusals[0].message, code=refusals[0].code)
        open_work_end(user=user)
        personal_data_accessed(by=by, subject=user, what="erased", request=request)  # under the name they had
        personal_data_erase(user=user)
        return Closing.objects.create(user=user, closed_at=user.closed_at or timezone.now())


def _confirm(*, user: User, password: str, code: str, request: HttpRequest | None) -> None:
    """The password; an account without a usable one confirms with a current second-factor code instead."""
    # Counted per account as sign-in failures are: a stolen session or token cannot guess the password here.
    limit_hit(scope="close-account", ident=str(user.pk), rate=settings.RATE_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS)
    if user.has_usable_password():
        if not password:
            raise InvalidInput(
                _("Enter your password to close your account."), fields={"password": [_("Enter your password.")]}
            )
        if not user.check_password(password):
            raise InvalidInput(
                _("That password is not correct: your account is still open."),
                fields={"password": [_("That password is not correct.")]},
            )
        return
    if code and request is not None and second_factor_on(user):
        if second_factor_verify(request=request, user=user, code=code):
            return
        raise InvalidInput(_("That code is not correct."), fields={"code": [_("That code is not correct.")]})
    raise InvalidInput(
        _(
            "Your account has no password. Close it on its page with a code from your authenticator app, or first "
            "set a password with “Forgot password?” on the sign-in page."
        ),
        fields={"password": [_("Your account has no password yet.")]},
    )
