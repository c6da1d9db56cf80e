"""The sign-up form: allauth's (with openhour's name and role merged in), where the optional username is
presented as what it is to people, the address of their public page. The page and POST /auth/signup both save
through it, so both keep the language the person arrived in. Both it and the sign-in form name the e-mail
field in openhour's words."""

from typing import Any

from allauth.account.forms import LoginForm as LibraryLoginForm
from allauth.account.forms import SignupForm as LibrarySignupForm
from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from openhour.accounts.legal.services import request_address, terms_accept_current
from openhour.accounts.models import User
from openhour.lib.i18n import supported_language


def name_email_field(form: forms.Form, name: str) -> None:
    """The e-mail field in openhour's words ("E-mail"), not allauth's, whose French reads "Courriel"."""
    field = form.fields.get(name)
    if field is not None:
        field.label = _("E-mail")
        field.widget.attrs["placeholder"] = _("E-mail")


def terms_field() -> forms.BooleanField:
    """The required tick that accepts the current terms of service (openhour/accounts/legal records it)."""
    label = format_html(
        gettext(
            'I accept the <a href="{terms}">terms of service</a> and have read the '
            '<a href="{privacy}">privacy notice</a>.'
        ),
        terms=reverse("legal_terms"),
        privacy=reverse("legal_privacy"),
    )
    required = _("Accept the terms of service to create your account.")
    return forms.BooleanField(label=label, error_messages={"required": required})


class SignupForm(LibrarySignupForm):
    def __init__(self, *args: Any, accepted_through: str = "signup", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.accepted_through = accepted_through  # "signup" on the page, "api" for POST /auth/signup
        self.fields["accept_terms"] = terms_field()
        name_email_field(self, "email")
        field = self.fields.get("username")
        if field is not None:
            field.label = _("Profile address (optional)")
            field.help_text = _(
                "The address of your public page, %(site)s/u/… Leave it empty to have it made from your name."
            ) % {"site": settings.SITE_URL}
            field.widget.attrs.update({"placeholder": _("e.g. nina-designs"), "autocomplete": "username"})

    def custom_signup(self, request: HttpRequest, user: User) -> None:
        super().custom_signup(request, user)
        # The language this request is served in: its /fr/ prefix, the switcher's cookie or Accept-Language.
        user.language = supported_language(translation.get_language()) or settings.LANGUAGE_CODE
        user.save(update_fields=["language"])
        terms_accept_current(user=user, how=self.accepted_through, address=request_address(request))


class LoginForm(LibraryLoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_email_field(self, "login")  # sign-in is by e-mail address (ACCOUNT_LOGIN_METHODS)
