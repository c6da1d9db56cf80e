"""E-mail alerts of saved searches: `saved_search_alerts_due` (run by `manage.py run_timers`) finds new matches
and queues `saved_search_alert_send`, which e-mails them (see the package docstring)."""

import logging
from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from openhour.accounts.models import Profile
from openhour.jobs.models import BudgetType, Project
from openhour.lib.i18n import read_by
from openhour.lib.mail import mail_build
from openhour.lib.money import format_money
from openhour.lib.web import absolute_url
from openhour.search.saved import filters, tokens
from openhour.search.saved.models import SavedSearch, SavedSearchMatch

logger = logging.getLogger(__name__)

OVERLAP, FOUND_PER_LOOK = filters.OVERLAP, filters.FOUND_PER_LOOK
DAY = timedelta(days=1)
LISTED = 10  # an e-mail lists this many matches and counts the rest
RETRY_AFTER = timedelta(minutes=10)  # an alert whose e-mail failed is queued again this long after, once an hour


def saved_search_alerts_due(now: datetime | None = None) -> int:
    """Look for new matches of the searches that are due, record them, and queue their e-mails. Returns how many
    e-mails were queued. A search is due when something appeared since it last looked (instant alerts) or when
    its day is up (daily alerts)."""
    now = now or timezone.now()
    looked, queued = [], 0
    for search in _due(now):
        looked.append(search.pk)
        if _look(search, now):
            _enqueue(search.pk)
            queued += 1
    if looked:
        SavedSearch.objects.filter(pk__in=looked).update(checked_at=now)
    return queued + _retry(now)


def _due(now: datetime) -> QuerySet[SavedSearch]:
    """Two queries find the newest project and profile change; a search with nothing newer than its last look is
    not read at all."""
    newest_project = Project.objects.aggregate(at=Max("created_at"))["at"]
    newest_profile = Profile.objects.aggregate(at=Max("updated_at"))["at"]
    instant = Q(pk__in=[])
    for kind, newest in ((filters.PROJECTS, newest_project), (filters.FREELANCERS, newest_profile)):
        if newest is not None:
            instant |= Q(kind=kind, checked_at__lt=newest + OVERLAP)
    verified = Exists(EmailAddress.objects.filter(user=OuterRef("owner_id"), verified=True))
    return (
        SavedSearch.objects.filter(
            (Q(alert=SavedSearch.Alert.INSTANT) & instant) | Q(alert=SavedSearch.Alert.DAILY, checked_at__lte=now - DAY)
        )
        .filter(verified, owner__is_active=True)
        .order_by("checked_at", "pk")
    )


def _look(search: SavedSearch, now: datetime) -> int:
    """Record what the search finds among rows newer than its last look (less the overlap) and not found before;
    for a daily search, what is unsent. Returns how many matches wait to be e-mailed."""
    known = SavedSearchMatch.objects.filter(search=search.pk, object_id=OuterRef("pk"))
    rows = filters.new_matches(search, since=search.checked_at - OVERLAP).filter(~Exists(known))
    found = list(rows.order_by().values_list("pk", flat=True)[:FOUND_PER_LOOK])
    SavedSearchMatch.objects.bulk_create(
        [SavedSearchMatch(search=search, object_id=pk) for pk in found], ignore_conflicts=True
    )
    if search.alert == SavedSearch.Alert.DAILY:  # a daily search also sends what an earlier failure left
        return len(found) or int(search.matches.filter(sent_at__isnull=True).exists())
    return len(found)


def _enqueue(search_id: int) -> None:
    """Queued after commit; if even queueing fails, the retry finds the matches unsent."""

    def queue() -> None:
        try:
            saved_search_alert_send.enqueue(saved_search_id=search_id)
        except Exception:
            logger.exception("Could not queue the alert of saved search %s.", search_id)

    transaction.on_commit(queue)


def _retry(now: datetime) -> int:
    """Queue again, at most once an hour each, the alerts whose matches were found a while ago and not sent."""
    stale = (
        SavedSearchMatch.objects.filter(sent_at__isnull=True, found_at__lte=now - RETRY_AFTER, found_at__gt=now - DAY)
        .exclude(search__alert=SavedSearch.Alert.OFF)
        .values_list("search_id", flat=True)
        .distinct()[:100]
    )
    queued = 0
    for search_id in stale:
        if cache.add(f"saved-searches:retry:{search_id}:{now:%Y%m%d%H}", 1, timeout=int(DAY.total_seconds())):
            _enqueue(search_id)
            queued += 1
    return queued


@task()
def saved_search_alert_send(*, saved_search_id: int) -> bool:
    """E-mail the unsent matches of one search, unless its alert was turned off meanwhile. A failing mail server
    raises: the matches are left unsent for the retry."""
    search = SavedSearch.objects.select_related("owner").filter(pk=saved_search_id).first()
    if search is None or search.alert == SavedSearch.Alert.OFF or not search.owner.is_active:
        return False
    # Claim before sending, so an alert queued twice is sent once.
    claimed_at = timezone.now()
    if not search.matches.filter(sent_at__isnull=True).update(sent_at=claimed_at):
        return False
    ids = list(search.matches.filter(sent_at=claimed_at).values_list("object_id", flat=True))
    still = filters.MATCHES[search.kind](search.query).filter(pk__in=ids)  # closed or hidden since: not listed
    listed = list(still[:LISTED])
    if not listed:
        return False
    total = still.count() if len(listed) == LISTED else len(listed)
    try:
        alert_email(search, listed, total=total).send()
    except Exception:
        search.matches.filter(sent_at=claimed_at).update(sent_at=None)
        logger.warning("The alert of saved search %s failed; it is retried later.", search.pk, exc_info=True)
        raise
    search.last_alerted_at = claimed_at
    search.save(update_fields=["last_alerted_at"])
    return True


def alert_email(search: SavedSearch, listed: list[Any], *, total: int) -> EmailMultiAlternatives:
    """In the owner's language and time zone: the worker that sends it has no request to take them from."""
    unsubscribe = tokens.unsubscribe_url(search)
    with read_by(search.owner):
        items = [_project_item(row) if search.kind == filters.PROJECTS else _person_item(row) for row in listed]
        context = {
            "person": search.owner,
            "search": search,
            "items": items,
            "more": total - len(items),
            "action_url": absolute_url(filters.page_url(search)),
            "action_label": _("See every match"),
            "manage_url": absolute_url(reverse("saved_searches")),
            "unsubscribe_url": unsubscribe,
        }
        return mail_build(
            subject=_subject(search, total),
            template="search/saved/email/alert",
            context=context,
            to=[search.owner.email],
            headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
            reader=search.owner,
        )


def _subject(search: SavedSearch, total: int) -> str:
    text = ngettext("%(n)s new match for “%(name)s”", "%(n)s new matches for “%(name)s”", total)
    return text % {"n": total, "name": search.name}


def _project_item(project: Project) -> dict[str, str]:
    budget = (
        f"{format_money(project.budget_min, project.currency)}–{format_money(project.budget_max, project.currency)}"
    )
    if project.budget_type == BudgetType.HOURLY:
        budget = _("%(budget)s an hour") % {"budget": budget}
    detail = f"{budget} · {project.category.label}"
    return {"title": project.title, "detail": detail, "url": absolute_url(reverse("project_detail", args=[project.pk]))}


def _person_item(person: Any) -> dict[str, str]:
    profile = person.profile
    rate = format_money(profile.hourly_rate, profile.rate_currency) if profile.hourly_rate else ""
    detail = " · ".join(
        part for part in (profile.headline, _("%(rate)s an hour") % {"rate": rate} if rate else "") if part
    )
    url = absolute_url(reverse("public_profile", args=[person.username]))
    return {"title": person.name or person.username, "detail": detail, "url": url}
