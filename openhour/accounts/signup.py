"""The sign-up form: allauth's (with openhour's name and role merged in), where the optional username is
presented as what it is to people, the address of their public page."""

from typing import Any

from allauth.account.forms import SignupForm as LibrarySignupForm
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class SignupForm(LibrarySignupForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("username")
        if field is not None:
            field.label = _("Profile address (optional)")
            field.help_text = _(
                "The address of your public page, %(site)s/u/… Leave it empty to have it made from your name."
            ) % {"site": settings.SITE_URL}
            field.widget.attrs.update({"placeholder": _("e.g. nina-designs"), "autocomplete": "username"})
