"""The confirmation on the "Close your account" page."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CloseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}), required=False
    )
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args: object, with_password: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # One way to confirm: the password, or, for an account without one, a second-factor code.
        del self.fields["code" if with_password else "password"]
