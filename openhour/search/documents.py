"""Keeping the search index in step with projects, people and Hourlies: the services that change them call
`refresh()` or `remove()`; bulk writers call `index()` or `rebuild()` (`manage.py search_reindex`)."""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.apps import apps as global_apps
from django.conf import settings
from django.db import models
from django.utils import translation

from openhour.catalog.models import taxonomy_gettext
from openhour.lib.i18n import supported_language
from openhour.lib.wording import worded
from openhour.search.languages import configuration

Kind = str
GetModel = Callable[[str, str], Any]

# kind -> (app label, model, title fields, body field); a person's text lives on User and Profile.
SOURCES: dict[Kind, tuple[str, str, tuple[str, ...], str]] = {
    "project": ("jobs", "Project", ("title",), "description"),
    "person": ("accounts", "User", ("name", "profile__headline"), "profile__bio"),
    "hourlie": ("catalog", "Hourlie", ("title",), "description"),
}
SKILLS = {"project": "skills", "person": "profile__skills", "hourlie": "skills"}
# Whose language a document is written in: the project's client, the person, the Hourlie's freelancer.
AUTHOR_LANGUAGE = {"project": "client__language", "person": "language", "hourlie": "freelancer__language"}
BATCH = 500
TEXT = ("title", "skills", "body")


def _documents(kind: Kind, ids: Iterable[int] | None, get_model: GetModel) -> Iterator[dict[str, Any]]:
    app, model, title, body = SOURCES[kind]
    rows = get_model(app, model).objects.order_by("pk")
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    texts = {row["pk"]: row for row in rows.values("pk", *title, body, AUTHOR_LANGUAGE[kind])}
    skills: dict[int, list[tuple[str, Any]]] = {pk: [] for pk in texts}
    named = rows.filter(**{f"{SKILLS[kind]}__isnull": False}).order_by()
    for pk, name, wordings in named.values_list("pk", f"{SKILLS[kind]}__name", f"{SKILLS[kind]}__names"):
        skills[pk].append((name, wordings))
    for pk, row in texts.items():
        language = _language(row[AUTHOR_LANGUAGE[kind]])
        yield {
            "kind": kind,
            "object_id": pk,
            "title": " ".join(row[field] or "" for field in title).strip(),
            "skills": _skill_text(skills[pk], language),
            "body": row[body] or "",
            "language": language,
            "config": configuration(language),
        }


def _skill_text(skills: list[tuple[str, Any]], language: str) -> str:
    """The skills' English names, which find a document in any language, then their names in its own language
    (the operator's wording or the catalogue's) where those differ."""
    names = sorted(name for name, _wordings in skills)
    with translation.override(language):
        labels = {worded(wordings, name, taxonomy_gettext) for name, wordings in skills}
    return ", ".join([*names, *sorted(labels - set(names))])


def _language(chosen: str | None) -> str:
    """The author's language as `openhour.lib.i18n.language_of` reads it: their choice, else the site's."""
    return supported_language(chosen) or settings.LANGUAGE_CODE


def index(kind: Kind, ids: Iterable[int], *, get_model: GetModel = global_apps.get_model) -> None:
    """(Re-)index the given rows of one kind; rows that no longer exist leave the index."""
    ids = list(ids)
    document = get_model("search", "SearchDocument")
    found = [document(**fields) for fields in _documents(kind, ids, get_model)]
    document.objects.bulk_create(
        found, update_conflicts=True, unique_fields=["kind", "object_id"], update_fields=[*TEXT, "language", "config"]
    )
    gone = set(ids) - {each.object_id for each in found}
    if gone:
        document.objects.filter(kind=kind, object_id__in=gone).delete()


def rebuild(*, get_model: GetModel = global_apps.get_model) -> int:
    """Index every row of every kind from scratch; the number of documents."""
    document = get_model("search", "SearchDocument")
    document.objects.all().delete()
    count = 0
    for kind in SOURCES:
        batch = []
        for fields in _documents(kind, None, get_model):
            batch.append(document(**fields))
            if len(batch) >= BATCH:
                count += len(document.objects.bulk_create(batch))
                batch = []
        count += len(document.objects.bulk_create(batch))
    return count


def forget(kind: Kind, ids: Iterable[int]) -> None:
    global_apps.get_model("search", "SearchDocument").objects.filter(kind=kind, object_id__in=list(ids)).delete()


# The explicit calls: a service (or an admin page) that changes searchable text calls `refresh()` itself.

KINDS: dict[str, Kind] = {
    "jobs.project": "project",
    "catalog.hourlie": "hourlie",
    "accounts.user": "person",
    "accounts.profile": "person",  # a profile's primary key is its user's
}


def kind_of(row: models.Model | type[models.Model]) -> Kind:
    return KINDS[row._meta.label_lower]


def refresh(*rows: models.Model) -> None:
    """Copy the searchable text of these projects, Hourlies or people (User or Profile rows) into their
    documents; call it after the row and its skills are saved, inside the same transaction."""
    for kind in dict.fromkeys(kind_of(row) for row in rows):
        index(kind, [row.pk for row in rows if kind_of(row) == kind])
