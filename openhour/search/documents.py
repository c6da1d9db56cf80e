"""Keeping the search index in step with projects, people and Hourlies."""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.apps import apps as global_apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

Kind = str
GetModel = Callable[[str, str], Any]

# kind -> (app label, model, title fields, body field); a person's text lives on User and Profile.
SOURCES: dict[Kind, tuple[str, str, tuple[str, ...], str]] = {
    "project": ("jobs", "Project", ("title",), "description"),
    "person": ("accounts", "User", ("name", "profile__headline"), "profile__bio"),
    "hourlie": ("catalog", "Hourlie", ("title",), "description"),
}
SKILLS = {"project": "skills__name", "person": "profile__skills__name", "hourlie": "skills__name"}
BATCH = 500


def _documents(kind: Kind, ids: Iterable[int] | None, get_model: GetModel) -> Iterator[dict[str, Any]]:
    app, model, title, body = SOURCES[kind]
    rows = get_model(app, model).objects.order_by("pk")
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    texts = {row["pk"]: row for row in rows.values("pk", *title, body)}
    skills: dict[int, list[str]] = {pk: [] for pk in texts}
    pairs = rows.filter(**{f"{SKILLS[kind]}__isnull": False}).values_list("pk", SKILLS[kind]).order_by()
    for pk, name in pairs:
        skills[pk].append(name)
    for pk, row in texts.items():
        yield {
            "kind": kind,
            "object_id": pk,
            "title": " ".join(row[field] or "" for field in title).strip(),
            "skills": ", ".join(sorted(skills[pk])),
            "body": row[body] or "",
        }


def index(kind: Kind, ids: Iterable[int], *, get_model: GetModel = global_apps.get_model) -> None:
    """(Re-)index the given rows of one kind; rows that no longer exist leave the index."""
    ids = list(ids)
    document = get_model("search", "SearchDocument")
    found = [document(**fields) for fields in _documents(kind, ids, get_model)]
    document.objects.bulk_create(
        found, update_conflicts=True, unique_fields=["kind", "object_id"], update_fields=["title", "skills", "body"]
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


# Signal receivers: save with searchable fields, skills added or removed, delete.

SEARCHED_FIELDS = {"project": {"title", "description"}, "person": {"name"}, "hourlie": {"title", "description"}}


def _saved(
    kind: Kind, field_names: set[str], *, owner: Callable[[Any], int] = lambda obj: obj.pk, on_create: bool = True
) -> Callable[..., None]:
    def receiver(sender: Any, instance: Any, created: bool, update_fields: Any = None, **kwargs: Any) -> None:
        if kwargs.get("raw") or (created and not on_create):
            return
        if update_fields is not None and not field_names & set(update_fields):
            return
        index(kind, [owner(instance)])

    return receiver


def _skills_changed(kind: Kind, owner: str) -> Callable[..., None]:
    def receiver(sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any) -> None:
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if not reverse:
            index(kind, [getattr(instance, owner) if owner != "pk" else instance.pk])
        elif pk_set:  # skills.projects.add(...) and the like, from the skill's side
            model = sender._meta.get_field(_owner_field(sender)).related_model
            index(kind, _owners(kind, model, pk_set))

    return receiver


def _owner_field(through: type[models.Model]) -> str:
    return next(f.name for f in through._meta.get_fields() if f.is_relation and f.name != "skill")


def _owners(kind: Kind, model: Any, pks: Iterable[int]) -> list[int]:
    return [getattr(obj, "user_id", obj.pk) for obj in model.objects.filter(pk__in=list(pks))]


def _deleted(kind: Kind) -> Callable[..., None]:
    def receiver(sender: Any, instance: Any, **kwargs: Any) -> None:
        forget(kind, [instance.pk])

    return receiver


_RECEIVERS: list[Callable[..., None]] = []  # signals hold receivers weakly


def connect() -> None:
    from openhour.accounts.models import Profile, User
    from openhour.catalog.models import Hourlie
    from openhour.jobs.models import Project

    for kind, model in (("project", Project), ("hourlie", Hourlie)):
        on_save, on_skills, on_delete = (
            _saved(kind, SEARCHED_FIELDS[kind]),
            _skills_changed(kind, "pk"),
            _deleted(kind),
        )
        post_save.connect(on_save, sender=model, dispatch_uid=f"search-{kind}-save")
        m2m_changed.connect(on_skills, sender=model.skills.through, dispatch_uid=f"search-{kind}-skills")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"search-{kind}-delete")
        _RECEIVERS.extend([on_save, on_skills, on_delete])
    # A new user's profile is created (and so indexed) by accounts' own post_save receiver.
    on_user = _saved("person", {"name"}, on_create=False)
    on_profile = _saved("person", {"headline", "bio"}, owner=lambda profile: profile.user_id)
    on_profile_skills = _skills_changed("person", "user_id")
    on_user_delete = _deleted("person")
    post_save.connect(on_user, sender=User, dispatch_uid="search-person-user-save")
    post_save.connect(on_profile, sender=Profile, dispatch_uid="search-person-profile-save")
    m2m_changed.connect(on_profile_skills, sender=Profile.skills.through, dispatch_uid="search-person-skills")
    post_delete.connect(on_user_delete, sender=User, dispatch_uid="search-person-delete")
    _RECEIVERS.extend([on_user, on_profile, on_profile_skills, on_user_delete])
