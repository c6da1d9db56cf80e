from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.urls import reverse

from openhour.accounts import limits
from openhour.accounts.models import Role, User
from openhour.lib.client_address import client_ip
from openhour.lib.mail import absolute_url, email_context
from openhour.operations.branding import brand
from openhour.search import documents

MAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")  # allauth's links in its mails' context


def on_site(url: str) -> str:
    """The same page on SITE_URL: `https://testserver/accounts/confirm-email/k/` becomes `SITE_URL/accounts/...`."""
    parts = urlsplit(url)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


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
        super().send_mail(template_prefix, email, {**email_context(), "person": person, **pages, **context, **links})

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
