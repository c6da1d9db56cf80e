"""The transparency report over HTTP: public figures; the publication-bias alert only for operators."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Router

from openhour.accounts import selectors
from openhour.accounts.models import User
from openhour.reviews.integrity import transparency

router = Router(tags=["review integrity"])


@router.get("/trust/transparency", auth=None, response={200: dict})
def transparency_report(request: HttpRequest, quarter: str = "") -> dict[str, Any]:
    """The quarter's figures (`?quarter=2026Q4`, default the current quarter) and the quarters to choose from.
    A bad or future quarter is a 400 on the field `quarter`."""
    report = transparency.transparency_report(quarter=transparency.quarter_parse(quarter))
    body = transparency.report_as_dict(report, staff=_is_staff(request))
    return body | {"quarters": [found.code for found in transparency.quarters_available()]}


def _is_staff(request: HttpRequest) -> bool:
    """An operator signed in by session or by token. The endpoint is public, so a bad token only means the
    caller is treated as anyone else."""
    user: User | AnonymousUser | None = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return bool(user.is_staff)
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return False
    found = selectors.access_token_owner(secret=secret.strip())
    return found is not None and bool(found[1].is_staff)
