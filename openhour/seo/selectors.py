"""Reads for the sitemap: only what anyone may see without signing in, and what nobody has hidden."""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from openhour.accounts.models import User
from openhour.catalog.models import Hourlie
from openhour.jobs.models import Project, Visibility
from openhour.reviews.integrity.models import Sanction


def _sanction_in_force(user_field: str) -> Exists:
    """A sanction not lifted and not yet over: its person's pages stay off the sitemap meanwhile."""
    return Exists(
        Sanction.objects.filter(user=OuterRef(user_field), lifted_at__isnull=True, ends_at__gt=timezone.now())
    )


def _listable(prefix: str = "") -> Q:
    """An active account (closed and suspended ones are not) with a verified e-mail, as freelancer search has."""
    verified = Exists(EmailAddress.objects.filter(user=OuterRef(f"{prefix}pk"), verified=True))
    return Q(**{f"{prefix}is_active": True}) & verified & ~_sanction_in_force(f"{prefix}pk")


def public_profiles() -> QuerySet[User]:
    """Freelancers anyone can find, oldest first so that a page of the sitemap keeps its people."""
    people = User.objects.filter(_listable(), is_freelancer=True)
    return people.order_by("pk").only("username", "profile__updated_at").select_related("profile")


def public_projects() -> QuerySet[Project]:
    """Open projects that any freelancer can find (not invite-only ones), from clients still here."""
    projects = Project.objects.filter(_listable("client__"), status=Project.Status.OPEN, visibility=Visibility.PUBLIC)
    return projects.order_by("pk").only("pk", "updated_at")


def public_hourlies() -> QuerySet[Hourlie]:
    """Published services of freelancers still here (not paused or removed ones)."""
    hourlies = Hourlie.objects.filter(_listable("freelancer__"), status=Hourlie.Status.PUBLISHED)
    return hourlies.order_by("pk").only("pk", "updated_at")
