from contextlib import nullcontext
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMessage
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from openhour.accounts import limits
from openhour.accounts.models import Role, User
from openhour.lib.client_address import client_ip
from openhour.lib.i18n import read_by
from openhour.lib.mail import email_context, sender, tidy_text
from openhour.lib.web import absolute_url
from openhour.operations.branding import brand
from openhour.search import documents

MAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")  # allauth's links in its mails' context
WELCOME_TAG = "welcome"  # components/messages.html shows this message as the newcomer's welcome, with next steps
JOINED_THIS_SESSION = "joined_this_session"  # home.html says "Welcome back" only once they sign in again
SIGNED_IN = "account/messages/logged_in.txt"
CONFIRMATION_SENT = "account/messages/email_confirmation_sent.txt"


def on_site(url: str) -> str:
    """The same page on SITE_URL: `https://testserver/accounts/confirm-email/k/` becomes `SITE_URL/accounts/...`."""
    parts = urlsplit(url)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


def welcome_text(user: User) -> str:
    """The welcome as plain text; the page shows it with the next steps (account/welcome.html)."""
    values = {"site": brand().name, "name": user.get_short_name(), "email": user.email}
    return (
        _("Welcome to %(site)s, %(name)s! We sent a link to %(email)s: confirm your address to get started.") % values
    )


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up asks for a name and a role; the public username is made from the name. Sign-in, sign-up and
    verification mail are limited per client address and per account (openhour/accounts/limits.py)."""

    def populate_username(self, request: HttpRequest, user: User) -> None:
        if not user.username:
            user.username = self.generate_unique_username([user.name, user.email, "member"])

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        if request.method == "POST":  # each sign-up attempt on the page; POST /auth/signup counts in its service
            limits.signup_limit_hit(request=request)
        return bool(super().is_open_for_signup(request))

    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> User:
        user.name = form.cleaned_data["name"].strip()
        role = form.cleaned_data["role"]
        user.is_client = role == Role.CLIENT
        user.is_freelancer = role == Role.FREELANCER
        user = super().save_user(request, user, form, commit)
        request.openhour_signing_up = True  # type: ignore[attr-defined]  # the welcome says where the link went
        if commit:
            documents.refresh(user)  # found by name from the first day
        return user

    def format_email_subject(self, subject: str) -> str:
        return f"[{brand().name}] {subject}"  # the name operators set, read when each mail is sent

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # The brand and SITE_URL for the layout (templates/email/base.*), also when no request renders it (the
        # API's sign-up); links go to SITE_URL whatever address the request came in by (a proxy, a test server).
        links = {key: on_site(context[key]) for key in MAIL_LINKS if context.get(key)}
        person = context.get("user") or User.objects.filter(email__iexact=email).first()
        pages = {
            "security_url": absolute_url(reverse("security")),
            "reset_url": absolute_url(reverse("account_reset_password")),
        }
        # Sent during the person's own request, whose language is theirs; a reset asked for a known account that
        # chose a language is written in that one (whoever's browser asked for it).
        with read_by(person) if getattr(person, "language", "") else nullcontext():
            super().send_mail(
                template_prefix, email, {**email_context(), "person": person, **pages, **context, **links}
            )

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        # No banner for signing in (the page greets people by name, and "signed in as nina_newcomer" showed the
        # username); a newcomer hears one welcome (post_login) rather than a "confirmation sent" banner as well.
        signing_up = getattr(request, "openhour_signing_up", False)
        if message_template == SIGNED_IN or (signing_up and message_template == CONFIRMATION_SENT):
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    def post_login(self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> HttpResponse:
        response = super().post_login(request, user, **kwargs)
        if kwargs.get("signup") and isinstance(user, User) and hasattr(request, "session"):
            request.session[JOINED_THIS_SESSION] = True
            messages.success(request, welcome_text(user), extra_tags=WELCOME_TAG)
        return response

    def get_from_email(self) -> str:
        return sender()

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        message = super().render_mail(template_prefix, email, context, headers)
        if message.content_subtype == "plain":  # the text body; an HTML alternative is left as rendered
            message.body = tidy_text(str(message.body))
        return message

    def get_client_ip(self, request: HttpRequest) -> str:
        return client_ip(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        login = credentials.get("email") or credentials.get("username") or ""
        self._attempt = limits.login_attempt_begin(request=request, login=login)
        super().pre_authenticate(request, **credentials)

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        user = super().authenticate(request, **credentials)
        if user is not None:
            self._attempt.succeeded()  # only failures count: the owner signing in costs nothing
        return user

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        # allauth calls this after a password reset; the guesses against the account stop counting.
        super()._delete_login_attempts_cached_email(request, **credentials)
        limits.login_failures_clear(login=credentials.get("email") or "")

    def send_confirmation_mail(self, request: HttpRequest, emailconfirmation: Any, signup: bool) -> None:
        if not signup:
            limits.verification_mail_limit_hit(request=request, user=emailconfirmation.email_address.user)
        super().send_confirmation_mail(request, emailconfirmation, signup)
