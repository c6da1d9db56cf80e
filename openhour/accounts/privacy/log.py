"""The one door into the personal-data access log: every read, export or erasure of someone's data calls it."""

from django.contrib.admin.utils import unquote
from django.http import HttpRequest

from openhour.accounts.models import User
from openhour.lib.client_address import client_ip
from openhour.lib.ids import pk_or_none

from .models import PersonalDataAccess

What = PersonalDataAccess.What


def _label(user: User | None) -> str:
    return user.get_username() if user is not None else ""


def personal_data_accessed(*, by: User | None, subject: User, what: str, request: HttpRequest | None = None) -> None:
    """Write one line of the log: `by` (None: the system) did `what` (a `PersonalDataAccess.What`) to
    `subject`'s data, from the request's address when there is a request."""
    PersonalDataAccess.objects.create(
        by=by,
        by_label=_label(by),
        subject=subject,
        subject_label=_label(subject),
        what=What(what),  # an unknown kind fails loudly here, not silently in the log
        ip=client_ip(request) if request is not None else None,
    )


def admin_record_opened(*, request: HttpRequest, object_id: str) -> None:
    """An operator opened a person's record in the administration (its change page answered a GET)."""
    pk = pk_or_none(unquote(object_id))
    subject = User.objects.filter(pk=pk).first() if pk is not None else None
    if subject is not None and isinstance(request.user, User):
        personal_data_accessed(by=request.user, subject=subject, what=What.ADMIN_VIEWED, request=request)
