"""Writes of saved searches: save one, change its alert, delete it, and turn its alert off from an e-mail."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.catalog.models import Category, Skill
from openhour.lib.errors import Conflict, InvalidInput, NotFound
from openhour.lib.ids import pk_or_none
from openhour.lib.money import format_money
from openhour.search.saved import filters, tokens
from openhour.search.saved.models import SavedSearch

LIMIT = 20  # saved searches per person: enough to follow a trade, few enough to read every alert


class SavedSearchLimit(Conflict):
    """A 409, as for the most payout methods or webhooks: the same request succeeds once one is deleted."""

    code = "saved_search_limit"


def saved_search_create(
    *, owner: User, kind: str, query: dict[str, Any], alert: str = SavedSearch.Alert.DAILY, name: str = ""
) -> SavedSearch:
    """Keep the filters of a list; alerts tell of what appears from now on, never of what is there already."""
    cleaned = filters.query_clean(kind=kind, query=query)
    _check_alert(alert)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=owner.pk).first()  # one count at a time per person
        if SavedSearch.objects.filter(owner=owner).count() >= LIMIT:
            message = _("You have %(limit)s saved searches, the most one can keep. Delete one to save another.")
            raise SavedSearchLimit(message % {"limit": LIMIT}, fields={"__all__": [message % {"limit": LIMIT}]})
        search = SavedSearch(
            owner=owner,
            kind=kind,
            query=cleaned,
            alert=alert,
            name=_one_line(name) or describe(kind, cleaned),
            checked_at=timezone.now(),
        )
        search.full_clean()
        search.save()
        filters.known_mark(search)
    return search


def saved_search_update(*, owner: User, search_id: int | str, alert: str | None = None, name: str = "") -> SavedSearch:
    """Change the alert (or the name). Turning an alert on starts from now: it does not send what is there."""
    with transaction.atomic():
        search = _locked_own(owner, search_id)
        fields = []
        if alert is not None and alert != search.alert:
            _check_alert(alert)
            if search.alert == SavedSearch.Alert.OFF:
                search.checked_at = timezone.now()
                fields.append("checked_at")
            search.alert = alert
            fields.append("alert")
        if _one_line(name):
            search.name = _one_line(name)
            fields.append("name")
        if fields:
            search.full_clean()
            search.save(update_fields=fields)
        if "checked_at" in fields:
            filters.known_mark(search)
    return search


def saved_search_delete(*, owner: User, search_id: int | str) -> None:
    with transaction.atomic():
        _locked_own(owner, search_id).delete()


def saved_search_unsubscribe(*, token: str) -> SavedSearch:
    """The one-click unsubscribe of an alert e-mail: the signed token is the proof, no sign-in needed."""
    with transaction.atomic():
        found = tokens.unsubscribe_target(token)
        search = SavedSearch.objects.select_for_update().get(pk=found.pk)
        if search.alert != SavedSearch.Alert.OFF:
            search.alert = SavedSearch.Alert.OFF
            search.save(update_fields=["alert"])
    return search


def _locked_own(owner: User, search_id: int | str) -> SavedSearch:
    """Someone else's saved search answers like a missing one."""
    pk = pk_or_none(search_id)
    search = SavedSearch.objects.select_for_update().filter(pk=pk, owner=owner).first() if pk else None
    if search is None:
        raise NotFound(_("No such saved search."))
    return search


def _one_line(name: str) -> str:
    """The name becomes an e-mail's subject: one line, single spaces."""
    return " ".join(name.split())[:120]


def _check_alert(alert: str) -> None:
    if alert not in SavedSearch.Alert.values:
        raise InvalidInput(_("Choose how often to be e-mailed."), fields={"alert": [_("Not a choice.")]})


def describe(kind: str, query: dict[str, Any]) -> str:
    """A name a person recognises: the words, the category or skill, the budget or rate."""
    parts = [query["q"]] if query.get("q") else []
    if query.get("category"):
        parts.append(_name_of(Category, query["category"]))
    if query.get("skill"):
        parts.append(_name_of(Skill, query["skill"]))
    parts += _amounts(kind, query)
    if query.get("country"):
        parts.append(query["country"])
    projects = kind == SavedSearch.Kind.PROJECTS
    if not parts:
        return _("All projects") if projects else _("All freelancers")
    what = _("Projects") if projects else _("Freelancers")
    return f"{what}: {', '.join(parts)}"[:120]


def _name_of(model: type[Category] | type[Skill], slug: str) -> str:
    return model.objects.filter(slug=slug).values_list("name", flat=True).first() or slug


def _amounts(kind: str, query: dict[str, Any]) -> list[str]:
    currency = query.get("currency", "GBP")
    if kind == SavedSearch.Kind.FREELANCERS:
        rate = query.get("max_rate")
        return [_("up to %(rate)s an hour") % {"rate": format_money(rate, currency)}] if rate is not None else []
    found = []
    if query.get("min_budget") is not None:
        found.append(_("from %(amount)s") % {"amount": format_money(query["min_budget"], currency)})
    if query.get("max_budget") is not None:
        found.append(_("up to %(amount)s") % {"amount": format_money(query["max_budget"], currency)})
    return found
