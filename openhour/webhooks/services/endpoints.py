"""Writes for webhook endpoints: subscribe one, delete it, rotate its secret, send it a test event, turn it back
on, and turn it off after too many failures (telling its owner). Each checks that the endpoint is the person's own:
anyone else's is not found."""

import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound
from openhour.lib.i18n import read_by
from openhour.lib.ids import pk_or_404
from openhour.lib.mail import mail_send_on_commit
from openhour.lib.web import absolute_url
from openhour.webhooks import targets
from openhour.webhooks.models import SUBSCRIBABLE, Delivery, Endpoint
from openhour.webhooks.selectors import MISSING, endpoints_of
from openhour.webhooks.services.events import event_test_record, subscriptions_changed

MAX_ENDPOINTS = 10  # per person: each one costs a request per event


def endpoint_create(*, owner: User, url: str, events: Iterable[str], scope: str = Endpoint.Scope.MINE) -> Endpoint:
    """Subscribe `url` to `events`. `market` (every step in the market, public-safe data) is for operators only.
    The address is resolved and must lead to a public network (openhour/webhooks/targets.py)."""
    require_verified_email(owner)
    _check_scope(owner, scope)
    wanted = _checked_events(events)
    url = _checked_url(url)
    if endpoints_of(owner=owner).count() >= MAX_ENDPOINTS:
        raise Conflict(_("You have %(n)s endpoints: delete one before adding another.") % {"n": MAX_ENDPOINTS})
    endpoint = Endpoint.objects.create(owner=owner, url=url, events=wanted, scope=scope, secret=_new_secret())
    subscriptions_changed()
    return endpoint


def _check_scope(owner: User, scope: str) -> None:
    if scope not in Endpoint.Scope.values:
        names = {"mine": Endpoint.Scope.MINE.label, "market": Endpoint.Scope.MARKET.label}
        codes = {"mine_code": '"mine"', "market_code": '"market"'}  # what the API sends, never translated
        choose = _("Choose “%(mine)s” or “%(market)s” (in the API: %(mine_code)s or %(market_code)s).")
        raise InvalidInput(fields={"scope": [choose % (names | codes)]})
    if scope == Endpoint.Scope.MARKET and not owner.is_staff:
        raise NotAllowed(
            _("Only operators may hear of every event in the market."),
            fields={"scope": [_("Choose events that concern you.")]},
        )


def _checked_events(events: Iterable[str]) -> list[str]:
    known = [value for value, _label in SUBSCRIBABLE]
    given = list(dict.fromkeys(events))
    unknown = [name for name in given if name not in known]
    if unknown or not given:
        problem = _("Unknown events: %(names)s.") % {"names": ", ".join(map(str, unknown))} if unknown else ""
        raise InvalidInput(fields={"events": [problem or _("Choose at least one event.")]})
    return [name for name in known if name in given]  # in the catalogue's order, whatever order they came in


def _checked_url(url: Any) -> str:
    url = url.strip() if isinstance(url, str) else ""
    if not url or len(url) > 500:
        raise InvalidInput(fields={"url": [_("Give an https:// address of at most 500 characters.")]})
    try:
        targets.checked(url)
    except targets.Refused as refused:
        raise InvalidInput(fields={"url": [str(refused)]}) from None
    return url


def _new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def endpoint_delete(*, owner: User, endpoint_id: object) -> None:
    """Gone at once, with its delivery log; an attempt under way finds nothing to record."""
    with transaction.atomic():
        _locked_own(owner, endpoint_id).delete()
        subscriptions_changed()


def endpoint_rotate_secret(*, owner: User, endpoint_id: object) -> Endpoint:
    """A new secret signs from now on; the current one keeps signing beside it for WEBHOOK_SECRET_OVERLAP_HOURS,
    so the receiver can switch without missing a delivery. A secret older than that stops at once."""
    with transaction.atomic():
        endpoint = _locked_own(owner, endpoint_id)
        endpoint.previous_secret, endpoint.secret = endpoint.secret, _new_secret()
        endpoint.previous_secret_until = timezone.now() + timedelta(hours=settings.WEBHOOK_SECRET_OVERLAP_HOURS)
        endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_until", "updated_at"])
    return endpoint


def endpoint_send_test(*, owner: User, endpoint_id: object) -> Delivery:
    """Queue a `webhook.test` event for this endpoint alone, to try the receiver and its signature check."""
    with transaction.atomic():
        endpoint = _locked_own(owner, endpoint_id)
        if not endpoint.active:
            raise Conflict(_("This endpoint is turned off: turn it back on first."))
        return event_test_record(endpoint=endpoint)


def endpoint_enable(*, owner: User, endpoint_id: object) -> Endpoint:
    """Turn an endpoint back on after it was turned off for failing, once its address checks out again."""
    with transaction.atomic():
        endpoint = _locked_own(owner, endpoint_id)
        _checked_url(endpoint.url)
        endpoint.disabled_at, endpoint.failures_in_a_row = None, 0
        endpoint.save(update_fields=["disabled_at", "failures_in_a_row", "updated_at"])
        subscriptions_changed()
    return endpoint


def _locked_own(owner: User, endpoint_id: object) -> Endpoint:
    rows = endpoints_of(owner=owner).select_for_update()
    found = rows.filter(pk=pk_or_404(endpoint_id, _(MISSING))).first()
    if found is None:
        raise NotFound(_(MISSING))
    return found


def endpoint_disable(*, endpoint: Endpoint) -> None:
    """Turn off an endpoint (locked by the caller) that failed WEBHOOK_FAILURES_BEFORE_DISABLE times in a row: its
    pending deliveries stop, and its owner is e-mailed once this commits."""
    endpoint.disabled_at = timezone.now()
    endpoint.save(update_fields=["disabled_at", "updated_at"])
    subscriptions_changed()
    stopped = _("Not sent: the endpoint was turned off after %(n)s failed attempts in a row.") % {
        "n": endpoint.failures_in_a_row
    }
    endpoint.deliveries.filter(status=Delivery.Status.PENDING).update(
        status=Delivery.Status.FAILED, next_attempt_at=None, error=stopped
    )
    _tell_owner_disabled(endpoint)


def _tell_owner_disabled(endpoint: Endpoint) -> None:
    """By e-mail, whatever the notification settings say: nothing else would tell them their integration stopped."""
    owner = User.objects.get(pk=endpoint.owner_id)
    url = absolute_url(reverse("webhook_detail", args=[endpoint.pk]))
    with read_by(owner):  # a worker has no request to take the language from
        context = {"person": owner, "endpoint": endpoint, "action_url": url, "action_label": _("Open the endpoint")}
        mail_send_on_commit(
            subject=_("Your webhook endpoint was turned off"),
            template="webhooks/email/disabled",
            context=context,
            to=[owner.email],
            reader=owner,
        )
