from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from openhour.accounts import selectors, services
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
        return user


# The browser session works too, with Django's CSRF check on writes.
AUTH = [TokenAuth(), SessionAuth()]


def current_user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined]
