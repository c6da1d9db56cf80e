from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from openhour.accounts.models import Role, User


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up asks for a name and a role; the public username is made from the name."""

    def populate_username(self, request: HttpRequest, user: User) -> None:
        if not user.username:
            user.username = self.generate_unique_username([user.name, user.email, "member"])

    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> User:
        user.name = form.cleaned_data["name"].strip()
        role = form.cleaned_data["role"]
        user.is_client = role == Role.CLIENT
        user.is_freelancer = role == Role.FREELANCER
        return super().save_user(request, user, form, commit)
