"""Reads of personal data: a person's archives, and the access log operators read."""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.lib.errors import NotFound
from openhour.lib.ids import pk_or_404

from .models import Export, PersonalDataAccess

RECENT_EXPORTS = 20


def exports_of(*, owner: User) -> QuerySet[Export]:
    return Export.objects.filter(user=owner)


def export_of(*, owner: User, export_id: object) -> Export:
    """One of the owner's archives; anyone else's (an operator's asking included) is not found."""
    found = exports_of(owner=owner).filter(pk=pk_or_404(export_id, _("No such archive."))).first()
    if found is None:
        raise NotFound(_("No such archive."))
    return found


def accesses(
    *, person: str = "", what: str = "", since: date | None = None, until: date | None = None
) -> QuerySet[PersonalDataAccess]:
    """The log, newest first, filtered by a person on either side (username, as written at the time), by kind
    and by inclusive days."""
    rows = PersonalDataAccess.objects.order_by("-at", "-id")
    if person:
        rows = rows.filter(Q(subject_label__iexact=person) | Q(by_label__iexact=person))
    if what:
        rows = rows.filter(what=what)
    if since is not None:
        rows = rows.filter(at__date__gte=since)
    if until is not None:
        rows = rows.filter(at__date__lte=until)
    return rows
