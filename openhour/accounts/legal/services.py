"""Writes: publishing a version of a legal document, and a person accepting the terms."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.legal import selectors
from openhour.accounts.legal.models import ACCEPTED_DOCUMENTS, Acceptance, Document, LegalVersion
from openhour.accounts.models import User
from openhour.lib.client_address import UNKNOWN, client_ip
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed


class AlreadyPublished(Conflict):
    code = "already_published"
    default_message = "This version is already published: a change is a new version."


class NotCurrent(Conflict):
    code = "not_current"
    default_message = "That is not the current version of the terms of service. Read the current one and accept it."


def required_forget() -> None:
    """Now, and again when the transaction commits, so no process keeps a value it read in between."""
    cache.delete(selectors.REQUIRED_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(selectors.REQUIRED_CACHE_KEY))


def notice_not_accepted() -> str:
    return _("Only the terms of service are accepted by people; this document is a notice.")


def version_publish(*, version: LegalVersion, by: User) -> LegalVersion:
    """Give the version the next number of its document and make it the current one. Locks the document's versions,
    so two operators publishing at once cannot take one number."""
    if not by.is_staff:
        raise NotAllowed()
    if version.requires_acceptance and version.document not in ACCEPTED_DOCUMENTS:
        raise InvalidInput(notice_not_accepted(), fields={"requires_acceptance": [notice_not_accepted()]})
    with transaction.atomic():
        locked = list(LegalVersion.objects.select_for_update().filter(document=version.document).order_by("pk"))
        mine = next((row for row in locked if row.pk == version.pk), None)
        if mine is None or mine.published_at is not None:
            raise AlreadyPublished()
        highest = LegalVersion.objects.filter(document=version.document).aggregate(top=Max("number"))["top"]
        version.number = (highest or 0) + 1
        version.published_at = timezone.now()
        version.published_by = by
        version.full_clean()
        version.save(update_fields=["number", "published_at", "published_by"])
        required_forget()
    return version


def terms_accept(*, user: User, version: int, how: str, address: str | None = None) -> Acceptance:
    """The person accepts the terms' `version`, which must be the current one (someone reading an old page has not
    read what is in force)."""
    if version != selectors.current_number(Document.TERMS):
        raise NotCurrent()
    acceptance = Acceptance(user=user, document=Document.TERMS, version=version, how=how, address=address or None)
    acceptance.full_clean()
    with transaction.atomic():
        acceptance.save()
    return acceptance


def terms_accept_current(*, user: User, how: str, address: str | None = None) -> Acceptance:
    """At sign-up: what was shown then is the current version."""
    return terms_accept(user=user, version=selectors.current_number(Document.TERMS), how=how, address=address)


def request_address(request: HttpRequest | None) -> str | None:
    """The person's address as evidence of an acceptance; None when there is no peer to name (tests, scripts)."""
    address = client_ip(request) if request is not None else UNKNOWN
    return None if address == UNKNOWN else address
