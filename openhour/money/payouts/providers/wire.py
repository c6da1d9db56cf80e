"""International wires, made by the operator from their bank: mark one sent with the bank's reference,
then paid when it arrives, or failed (the money returns to the wallet) when the bank sends it back."""

from typing import Any

from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.lib.errors import InvalidInput
from openhour.lib.process import OPERATOR
from openhour.money.models import Payout
from openhour.money.payouts import services

BY_HAND = ("wire", "manual_bank")  # sort-code and non-euro bank payouts are paid by hand as well


def wire_mark_sent(*, payout_id: Any, by: User, reference: str, note: str) -> Payout:
    """held -> sent with the bank's reference for the transfer, which the owner sees."""
    reference = " ".join(reference.split())
    if not reference or len(reference) > 100:
        raise InvalidInput(
            _("Give the bank's reference for the transfer (100 characters at most)."),
            fields={"reference": [_("Give a reference.")]},
        )
    payout = Payout.objects.filter(pk=payout_id).first()
    if payout is not None and payout.provider not in BY_HAND:
        raise InvalidInput(_("Only wires and bank payouts are sent by hand."), code="not_by_hand")
    return services.payout_send(payout_id=payout_id, actor=OPERATOR, by=by, note=note, provider_ref=reference)
