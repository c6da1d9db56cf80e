"""The job feed: open projects a freelancer may see, ranked for them, each with the reasons why.

A fixed number of queries: the freelancer's profile and skills, then at most `CANDIDATES` projects
(invitations first, then newest) with their skills; scoring happens in Python.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openhour.accounts.models import Profile, User
from openhour.catalog.models import Skill
from openhour.jobs.models import BudgetType, Invitation, Project
from openhour.jobs.selectors.projects import visible_to
from openhour.lib.errors import NotAllowed
from openhour.lib.money import format_money

CANDIDATES = 200
FIXED_PRICE_HOURS = 5  # a fixed budget fits when it pays at least this many hours at the freelancer's rate
INVITED, PER_SKILL, CATEGORY, BUDGET = 1000, 100, 30, 20
RECENCY = ((timedelta(days=1), 15), (timedelta(days=3), 10), (timedelta(days=7), 5))


@dataclass(frozen=True)
class FeedItem:
    project: Project
    score: int
    reasons: list[str]


def job_feed(*, freelancer: User | AnonymousUser | None) -> list[FeedItem]:
    """Best matches first: invitations, then shared skills, category, budget fit and recency."""
    if freelancer is None or not freelancer.is_authenticated or not freelancer.is_freelancer:
        raise NotAllowed(_("The job feed is for freelancers: add the freelancer role to get one."))
    profile = Profile.objects.filter(user_id=freelancer.pk).prefetch_related("skills__category").first()
    skills = {skill.pk: skill for skill in profile.skills.all()} if profile else {}
    categories = {skill.category_id for skill in skills.values()}
    now = timezone.now()
    items = [_score(project, skills, categories, profile, now) for project in _candidates(freelancer)]
    items.sort(key=lambda item: (-item.score, -item.project.created_at.timestamp(), -item.project.pk))
    return items


def _candidates(freelancer: User) -> list[Project]:
    invited = Exists(Invitation.objects.filter(project=OuterRef("pk"), freelancer_id=freelancer.pk))
    projects = (
        Project.objects.filter(visible_to(freelancer), status=Project.Status.OPEN)
        .exclude(client_id=freelancer.pk)
        .annotate(invited=invited)
        .select_related("category", "client")
        .prefetch_related("skills")
        .order_by("-invited", "-created_at", "-id")
    )
    return list(projects[:CANDIDATES])


def _score(
    project: Project, skills: dict[int, Skill], categories: set[int], profile: Profile | None, now: datetime
) -> FeedItem:
    score, reasons = 0, []
    if getattr(project, "invited", False):
        score += INVITED
        reasons.append(_("You were invited"))
    shared = sorted((skills[s.pk].name for s in project.skills.all() if s.pk in skills), key=str.lower)
    if shared:
        score += PER_SKILL * len(shared)
        reasons.append(
            ngettext("Matches %(n)d of your skills: %(names)s", "Matches %(n)d of your skills: %(names)s", len(shared))
            % {"n": len(shared), "names": ", ".join(shared)}
        )
    if project.category_id in categories:
        score += CATEGORY
        if not shared:
            reasons.append(_("In %(category)s, where your skills are") % {"category": project.category.name})
    if profile is not None and profile.hourly_rate and _budget_fits(project, profile):
        score += BUDGET
        rate = format_money(profile.hourly_rate, profile.rate_currency)
        reasons.append(_("Budget fits your rate of %(rate)s/hr") % {"rate": rate})
    age = now - project.created_at
    score += next((points for within, points in RECENCY if age <= within), 0)
    if timezone.localdate(project.created_at) == timezone.localdate(now):
        reasons.append(_("Posted today"))
    return FeedItem(project=project, score=score, reasons=reasons)


def _budget_fits(project: Project, profile: Profile) -> bool:
    """Hourly: the range covers the rate. Fixed: it pays for a few hours at the rate. Same currency only."""
    rate = profile.hourly_rate
    if not rate or project.currency != profile.rate_currency:
        return False
    if project.budget_type == BudgetType.HOURLY:
        return bool(project.budget_min <= rate <= project.budget_max)
    return bool(project.budget_max >= rate * FIXED_PRICE_HOURS)
