"""Forms for contract pages: how a client pays into escrow, and the note that goes with a money step."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

SANDBOX_CARDS = [
    ("tok_visa", _("Test card that succeeds")),
    ("tok_3ds", _("Test card that asks you to confirm (3-D Secure)")),
    ("tok_declined", _("Test card that is declined")),
]


class PaymentForm(forms.Form):
    """Pay from the wallet or by card. With the sandbox gateway the card is one of its test cards."""

    method = forms.ChoiceField(
        label=_("Pay with"),
        widget=forms.RadioSelect,
        initial="wallet",
        choices=[("wallet", _("My wallet")), ("card", _("A card"))],
    )
    card_token = forms.CharField(label=_("Card"), required=False, max_length=200)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if settings.PAYMENT_GATEWAY == "sandbox":
            self.fields["card_token"] = forms.ChoiceField(label=_("Card"), required=False, choices=SANDBOX_CARDS)
        else:
            self.fields["card_token"].help_text = _("The card token from the payment form.")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("method") == "card" and not data.get("card_token"):
            self.add_error("card_token", _("Choose a card."))
        return data


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=2000, widget=forms.Textarea({"rows": 2})
    )
