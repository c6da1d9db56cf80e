"""Who is signed in as a person, and ending it: sessions (allauth's UserSession rows) and API tokens.

When credentials change (password changed, reset or set by an operator, e-mail changed, a second factor
added), `credentials_changed` ends every other session, revokes every API token and tells the person why.
allauth's signals call it (accounts/signals.py); so does the admin's password form.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openhour.accounts.models import AccessToken, User
from openhour.lib.client_address import UNKNOWN, client_ip
from openhour.lib.errors import NotFound
from openhour.lib.i18n import read_by
from openhour.lib.ids import pk_or_404, pk_or_none
from openhour.lib.mail import mail_send_on_commit
from openhour.operations.branding import brand

logger = logging.getLogger(__name__)


class Reason(models.TextChoices):
    """Why access ended, in the words the notice uses."""

    PASSWORD_CHANGED = "password_changed", gettext_lazy("your password was changed")
    PASSWORD_RESET = "password_reset", gettext_lazy("your password was reset with a link sent by e-mail")
    PASSWORD_SET_BY_OPERATOR = "password_set_by_operator", gettext_lazy("an operator set a new password for you")
    EMAIL_CHANGED = "email_changed", gettext_lazy("your e-mail address was changed")
    SECOND_FACTOR_ADDED = "second_factor_added", gettext_lazy("a second factor was added to your sign-in")


@dataclass(frozen=True)
class AccessEnded:
    sessions: int
    tokens: int


def credentials_changed(
    *, user: User, request: HttpRequest | None, reason: Reason, also_notify: Iterable[str] = ()
) -> AccessEnded:
    """End all of `user`'s sessions except the one making the change, revoke all their API tokens, and e-mail
    them (and `also_notify`, e.g. the address they had before) what happened and why."""
    with transaction.atomic():
        others = sessions_of(user=user, fresh_only=False).exclude(session_key=current_session_key(request, user))
        sessions = _sessions_end(list(others))
        tokens, _rows = AccessToken.objects.filter(user=user).delete()
    ended = AccessEnded(sessions=sessions, tokens=tokens)
    _notice_send(user=user, request=request, reason=reason, ended=ended, also_notify=also_notify)
    logger.info("access ended for user %s (%s): %d sessions, %d tokens", user.pk, reason.value, sessions, tokens)
    return ended


def current_session_key(request: HttpRequest | None, user: User) -> str | None:
    """The session making the request, when it is `user`'s own: an anonymous reset link keeps nothing."""
    if request is None or getattr(request, "user", None) is None or request.user.pk != user.pk:
        return None
    session = getattr(request, "session", None)
    return session.session_key if session is not None else None


def sessions_of(*, user: User, fresh_only: bool = True) -> QuerySet[UserSession]:
    """The person's sessions, most recently seen first; `fresh_only` hides those idle longer than a session
    lives (their cookie has expired, so nobody can use them)."""
    rows = UserSession.objects.filter(user=user).order_by("-last_seen_at", "-pk")
    if fresh_only:
        rows = rows.filter(last_seen_at__gte=timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE))
    return rows


def session_end(*, user: User, session_id: int | str, request: HttpRequest) -> None:
    """Sign one of one's own sessions out; someone else's answers like a missing one."""
    missing = _("No such session.")
    session = UserSession.objects.filter(user=user, pk=pk_or_404(session_id, missing)).first()
    if session is None:
        raise NotFound(missing)
    if session.session_key == current_session_key(request, user):
        logout(request)  # flushes this session too, and the logout signal removes its row
    else:
        _sessions_end([session])


def sessions_end_others(*, user: User, request: HttpRequest) -> int:
    others = sessions_of(user=user, fresh_only=False).exclude(session_key=current_session_key(request, user))
    return _sessions_end(list(others))


def _sessions_end(sessions: list[UserSession]) -> int:
    """End each session (the store's entry, then the row); count only those still alive, as a changed
    session key (a password change renews the current one) leaves a row whose session is gone already."""
    alive = [session for session in sessions if session.exists()]
    for session in sessions:
        session.end()
    return len(alive)


def session_forget(*, session_key: str | None) -> None:
    """A signed-out session leaves no row behind on the sessions page."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def _notice_send(
    *, user: User, request: HttpRequest | None, reason: Reason, ended: AccessEnded, also_notify: Iterable[str]
) -> None:
    """Security notices go by e-mail whatever the notification settings say: they cannot be switched off."""
    addresses = list(dict.fromkeys(address for address in [user.email, *also_notify] if address))
    if not addresses:
        return
    with read_by(user):  # theirs, not the language of whoever ended the access (an operator, a worker)
        subject = _("Security notice from %(site)s: %(reason)s") % {"site": brand().name, "reason": reason.label}
        context = _notice_context(user, request, reason, ended)
        mail_send_on_commit(
            subject=subject, template="accounts/email/access_ended", context=context, to=addresses, reader=user
        )


def _notice_context(user: User, request: HttpRequest | None, reason: Reason, ended: AccessEnded) -> dict[str, object]:
    return {
        "person": user,
        "reason": reason.label,
        "ended": ended,
        "when": timezone.now(),
        "ip": _client_ip(request),
        "device": device_of(request.headers.get("user-agent", "")) if request else "",
        "security_url": settings.SITE_URL + reverse("security"),
        "reset_url": settings.SITE_URL + reverse("account_reset_password"),
    }


def _client_ip(request: HttpRequest | None) -> str:
    return client_ip(request) if request is not None else ""


UNKNOWN_ADDRESS = UNKNOWN  # a session recorded before addresses were: it has none


def sessions_record_stored() -> int | None:
    """Record every signed-in session of a database-backed session store that has no row yet; None when the
    store keeps sessions elsewhere (cache only, cookies). Their address and browser are unknown until used."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return None
    model = store.get_model_class()
    known = set(UserSession.objects.values_list("session_key", flat=True))
    users = set(User.objects.values_list("pk", flat=True))
    recorded = 0
    for stored in model.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=2000):
        user_id = pk_or_none(stored.get_decoded().get(SESSION_KEY))
        if stored.session_key in known or user_id not in users:
            continue
        UserSession.objects.create(user_id=user_id, session_key=stored.session_key, ip=UNKNOWN_ADDRESS)
        recorded += 1
    return recorded


class SessionActivityMiddleware:
    """Records a signed-in session (address, browser, last seen) for the sessions page, at most once per
    SESSION_ACTIVITY_SECONDS per session and client, so a busy session does not write on every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            accessed = session.accessed
            if request.user.is_authenticated:
                _session_record(request, session.session_key)
            session.accessed = accessed  # this bookkeeping must not make public pages vary on the cookie
        return response


ANY_CLIENT = "*"  # recorded at sign-in: the session's next pages need not record it again


def session_signed_in(*, request: HttpRequest, user: User) -> None:
    """Every sign-in (the sign-in page, the admin's, a test client's) starts a session: record it now, so its
    first pages do not write again."""
    session_key = request.session.session_key
    if not session_key:
        return
    if not hasattr(request, "user"):  # a request built only to sign in (Client.force_login) has none yet
        request.user = user
    if _client_ip(request):
        UserSession.objects.create_from_request(request)
    cache.set(_mark(session_key), ANY_CLIENT, timeout=settings.SESSION_ACTIVITY_SECONDS)


def _session_record(request: HttpRequest, session_key: str) -> None:
    ip = _client_ip(request)
    if not ip:
        return
    client = hashlib.sha256(f"{ip} {request.headers.get('user-agent', '')}".encode()).hexdigest()
    if cache.get(_mark(session_key)) in (client, ANY_CLIENT):
        return
    UserSession.objects.create_from_request(request)
    cache.set(_mark(session_key), client, timeout=settings.SESSION_ACTIVITY_SECONDS)


def _mark(session_key: str) -> str:
    return "session-seen:" + hashlib.sha256(session_key.encode()).hexdigest()


_BROWSERS = [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari")]
_SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
]


def device_of(user_agent: str) -> str:
    """'Firefox on Linux' from a user-agent string; the raw string when it names no browser we know."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), "")
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or user_agent[:80] or _("Unknown device")
