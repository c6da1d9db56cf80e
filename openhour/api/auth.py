from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from openhour.accounts import selectors, services
from openhour.accounts.language import choice as language
from openhour.accounts.models import User


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <personal access token>`."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = selectors.access_token_owner(secret=token)
        if found is None:
            return None
        access_token, user = found
        services.access_token_touch(token=access_token)
        request.user = user
        request.access_token_id = access_token.pk  # type: ignore[attr-defined]  # access evidence names the token
        language.follow(user)  # answers, errors included, in the language and time zone the person chose
        return user


def anonymous(request: HttpRequest) -> AnonymousUser | None:
    """Lets a reader without credentials through; a request that sends a token must send a valid one."""
    return None if "authorization" in request.headers else AnonymousUser()


class SignedInSession(SessionAuth):
    """The browser session, with Django's CSRF check on writes once we know someone is signed in: a visitor
    without a session gets API.md's 401, not a "CSRF check failed" 403."""

    def __call__(self, request: HttpRequest) -> User | None:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


AUTH = [TokenAuth(), SignedInSession()]
# For public reads that show more to some people (their own invite-only projects, say).
OPTIONAL_AUTH = [*AUTH, anonymous]
# What the schema says of those reads: credentials are optional (`{}` is OpenAPI's "no requirement"), added to
# the schemes ninja lists from OPTIONAL_AUTH.
ANYONE_MAY_READ: dict[str, Any] = {"security": [{}]}


def current_user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined]


def viewer(request: HttpRequest) -> User | None:
    """The signed-in person behind a request made with OPTIONAL_AUTH, or None for an anonymous reader."""
    found = getattr(request, "auth", None)
    return found if isinstance(found, User) else None
