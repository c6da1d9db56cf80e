"""Processes in code: a status, a table of allowed transitions, an event row per change, timers as rows.

A model that is a process defines `status` (TextChoices), `TRANSITIONS` mapping `(from_status, action)`
to a `Step`, an `events` related manager (a concrete `ProcessEvent`) and, if it has deadlines, a concrete
`Timer`. Nobody assigns `status` directly: `transition()` is the only way it changes.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.lib.errors import Conflict, DomainError, InvalidInput, NotAllowed

if TYPE_CHECKING:  # lib imports no app models at run time
    from openhour.accounts.models import User

logger = logging.getLogger(__name__)

CLIENT, FREELANCER, OPERATOR, SYSTEM = "client", "freelancer", "operator", "system"
OWNER = "owner"  # the person a thing belongs to, where roles do not apply (a payout)
ACTORS = [(a, a) for a in (CLIENT, FREELANCER, OWNER, OPERATOR, SYSTEM)]


@dataclass(frozen=True)
class Step:
    to: str
    actors: frozenset[str]


def step(to: str, *actors: str) -> Step:
    return Step(to=to, actors=frozenset(actors))


class ProcessEvent(models.Model):
    """Who did what to a process, from which status to which, when, and why."""

    actor = models.CharField(max_length=12, choices=ACTORS)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class Timer(models.Model):
    """A deadline: at `due_at` the system applies `action` to the subject, unless cancelled first."""

    action = models.CharField(max_length=40)
    due_at = models.DateTimeField(db_index=True)
    fired_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


def transition(
    *, obj: Any, action: str, actor: str, by: "User | None" = None, note: str = "", fields: tuple[str, ...] = ()
) -> Any:
    """Apply `action` to `obj` (whose row the caller has locked) and return the event row it records.
    `fields` names other fields the caller set on `obj`, saved in the same UPDATE as the status.

    Nothing else happens here: a caller whose step tells someone passes the event on itself
    (`openhour.messaging.notifications.events.notify_step`).

    Refusals: 409 with code `<model>_<status>` when the table has no such step from the current
    status; 403 when this actor may not take it; operators must give a written reason.
    """
    name = obj._meta.model_name
    found: Step | None = obj.TRANSITIONS.get((obj.status, action))
    if found is None:
        raise Conflict(
            # "status: X" reads right in every language; "is X" would need the label to agree with the noun
            _("“%(action)s” is not possible now (status: %(status)s).")
            % {"status": obj.get_status_display(), "action": action},
            code=f"{name}_{obj.status}",
        )
    if actor not in found.actors:
        raise NotAllowed()
    if actor == OPERATOR and not note.strip():
        raise InvalidInput(_("Operators give a written reason."), fields={"note": [_("Give a reason.")]})
    from_status = obj.status
    obj.status = found.to
    obj.save(update_fields=["status", "updated_at", *fields])
    return obj.events.create(actor=actor, by=by, action=action, from_status=from_status, to_status=found.to, note=note)


def allowed_actions(obj: Any, actor: str | None) -> frozenset[str]:
    """The actions `obj`'s table lets `actor` take from its current status, as `transition()` would allow them.

    `actor` is the role the person plays on `obj` (what its callers pass to `transition()`, e.g. from
    `Contract.role_of`); None, an outsider's role, gets nothing. Buttons and checks read this, never a copy."""
    if actor is None:
        return frozenset()
    table: dict[tuple[str, str], Step] = obj.TRANSITIONS
    now = obj.status
    return frozenset(action for (status, action), found in table.items() if status == now and actor in found.actors)


def statuses_allowing(model: Any, action: str, actor: str) -> list[str]:
    """The statuses from which `model`'s table lets `actor` take `action`: `allowed_actions` as a query filter."""
    table: dict[tuple[str, str], Step] = model.TRANSITIONS
    return sorted(str(status) for (status, name), found in table.items() if name == action and actor in found.actors)


def timers_cancel(*, obj: Any) -> int:
    """Cancel the pending timers of `obj`, whose row the caller has locked. A timer a worker is firing right
    now is skipped, not waited for: that worker holds the timer and waits for `obj`, so waiting for it would
    deadlock; it finds the state moved on once it gets `obj`. Returns how many were skipped."""
    pending = obj.timers.filter(fired_at__isnull=True, cancelled_at__isnull=True)
    free = pending.select_for_update(skip_locked=True).values("pk")
    obj.timers.filter(pk__in=free).update(cancelled_at=timezone.now())  # one statement: lock and cancel
    return pending.count()  # what is left is held by a worker firing it


def timers_fire_due(*, timer_model: type[Timer], fire: Callable[[Any], None], now: datetime | None = None) -> int:
    """Claim each due timer with a conditional UPDATE, so that many workers never fire one twice,
    then let `fire(timer)` apply its transition as the system. A timer whose step the state no longer allows
    stays claimed and does nothing, so one stale timer never stops the others. Returns how many fired."""
    now = now or timezone.now()
    fired = 0
    due = timer_model.objects.filter(due_at__lte=now, fired_at__isnull=True, cancelled_at__isnull=True)  # type: ignore[attr-defined]
    for timer_id in due.order_by("due_at").values_list("id", flat=True)[:500]:
        with transaction.atomic():
            claimed = timer_model.objects.filter(  # type: ignore[attr-defined]
                id=timer_id, fired_at__isnull=True, cancelled_at__isnull=True
            ).update(fired_at=now)
            if claimed != 1:
                continue  # another worker took it, or it was cancelled meanwhile
            timer = timer_model.objects.get(id=timer_id)  # type: ignore[attr-defined]
            try:
                with transaction.atomic():
                    fire(timer)
            except DomainError as refused:  # its subject moved on (answered, disputed, ended): nothing to do
                logger.info("Timer %s %s #%s not applied: %s", timer_model.__name__, timer.action, timer_id, refused)
                continue
            fired += 1
    return fired
