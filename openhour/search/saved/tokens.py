"""The signed link in an alert e-mail that turns that saved search's alert off, without signing in."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from openhour.lib.errors import InvalidInput, NotFound
from openhour.lib.ids import pk_or_none
from openhour.search.saved.models import SavedSearch

SALT = "openhour.saved-searches.unsubscribe"


def unsubscribe_token(search: SavedSearch) -> str:
    """Signed with SECRET_KEY, naming the search and its owner: nobody can forge one for another search. It never
    expires, as links in old e-mails must keep working."""
    return signing.Signer(salt=SALT).sign_object({"s": search.pk, "u": search.owner_id}, compress=True)


def unsubscribe_url(search: SavedSearch) -> str:
    return settings.SITE_URL + reverse("saved_search_unsubscribe", args=[unsubscribe_token(search)])


def unsubscribe_target(token: str) -> SavedSearch:
    """The search a token names; a tampered token is bad input, one for a deleted search not found."""
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        raise InvalidInput(_("This link is not valid. Change your saved searches after signing in.")) from None
    found = value if isinstance(value, dict) else {}
    search_id, owner_id = pk_or_none(found.get("s")), pk_or_none(found.get("u"))
    search = (
        SavedSearch.objects.select_related("owner").filter(pk=search_id, owner_id=owner_id).first()
        if search_id and owner_id
        else None
    )
    if search is None:
        raise NotFound(_("That saved search was deleted."))
    return search
