"""The terms of service over HTTP: which version is current, which one the person accepted, and accepting it."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from openhour.accounts.legal import selectors, services
from openhour.accounts.legal.models import Acceptance, Document
from openhour.accounts.models import User
from openhour.api.auth import current_user
from openhour.api.schemas import Input, WholeNumber

router = Router(tags=["legal"])


class TermsOut(Schema):
    current_version: int = Field(description="The version of the terms in force (0: the standard text)")
    accepted_version: int | None = Field(description="The version the person last accepted, if any")
    needs_acceptance: bool = Field(
        description="A change that must be accepted was published since they joined or last accepted: the web pages "
        "wait at /legal/accept until they do"
    )


class TermsAcceptIn(Input):
    version: WholeNumber = Field(ge=0, description="The current version, as GET /me/terms names it")


def terms_out(user: User) -> dict[str, Any]:
    return {
        "current_version": selectors.current_number(Document.TERMS),
        "accepted_version": selectors.accepted_version(user),
        "needs_acceptance": selectors.needs_acceptance(user),
    }


@router.get("/me/terms", response=TermsOut)
def terms(request: HttpRequest) -> dict[str, Any]:
    """The terms of service: the current version, the one you accepted, and whether you must accept again."""
    return terms_out(current_user(request))


@router.post("/me/terms", response=TermsOut)
def terms_accept(request: HttpRequest, payload: TermsAcceptIn) -> dict[str, Any]:
    """Accept the current version of the terms of service; 409 `not_current` if `version` is not the current one."""
    user = current_user(request)
    services.terms_accept(
        user=user, version=payload.version, how=Acceptance.How.API, address=services.request_address(request)
    )
    return terms_out(user)
