"""What a ledger line says, written when it is shown, in the reader's language: "Card payment of £800" in
English, "Paiement par carte de 800 £GB" in French. Transfers are immutable and keep the English words they
were posted with; those are shown only for kinds whose words cannot be rebuilt from the transfer itself."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from openhour.lib.money import format_money
from openhour.money.models import Transfer

Kind = Transfer.Kind


def _amount(transfer: Transfer) -> dict[str, str]:
    return {"amount": format_money(transfer.amount, transfer.currency)}


def _title(transfer: Transfer) -> dict[str, str]:
    assert transfer.milestone is not None
    return {"title": transfer.milestone.title}


def _title_and_fee(transfer: Transfer) -> dict[str, str]:
    assert transfer.milestone is not None
    return _title(transfer) | {"fee": format_money(transfer.milestone.freelancer_fee, transfer.currency)}


# kind -> (the sentence, its placeholders from the transfer, whether it needs the transfer's milestone)
SENTENCES: dict[str, tuple[Callable[[], str], Callable[[Transfer], dict[str, str]], bool]] = {
    Kind.DEPOSIT: (lambda: _("Card payment of %(amount)s"), _amount, False),
    Kind.CARD_REFUND: (lambda: _("Refund to your card of %(amount)s"), _amount, False),
    Kind.FUND: (lambda: _("Funded “%(title)s” in escrow"), _title, True),
    Kind.CLIENT_FEE: (lambda: _("Client service fee for “%(title)s”"), _title, True),
    Kind.RELEASE: (lambda: _("Payment for “%(title)s”, after the %(fee)s service fee"), _title_and_fee, True),
    Kind.FREELANCER_FEE: (lambda: _("Service fee on “%(title)s”"), _title, True),
    Kind.REFUND: (lambda: _("Refund of “%(title)s” from escrow"), _title, True),
    Kind.CLIENT_FEE_REFUND: (lambda: _("Client service fee returned for “%(title)s”"), _title, True),
}


def transfer_description(transfer: Transfer) -> str:
    """The line's words in the active language; the stored words where they cannot be rebuilt (a withdrawal
    names its payout method as it was then)."""
    if transfer.kind == Kind.FX and transfer.description.startswith("rate "):  # conversions record only their rate
        rate = transfer.description.removeprefix("rate ")
        return _("Currency conversion at a rate of %(rate)s") % {"rate": rate}
    sentence = SENTENCES.get(transfer.kind)
    if sentence is None or not transfer.description:
        return transfer.description
    words, params, needs_milestone = sentence
    if (needs_milestone and transfer.milestone_id is None) or (
        transfer.kind == Kind.DEPOSIT and not transfer.reference.startswith("payment:")
    ):
        return transfer.description
    return words() % params(transfer)
