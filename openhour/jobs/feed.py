"""The job feed: open projects a freelancer may see, ranked for them, each with the reasons why.

A fixed number of queries that never scan all open projects: the freelancer's profile and skills; the ids of
the open projects of their latest invitations, and of the newest open projects that share one of their skills,
that sit in one of their categories, and of all (each at most `CANDIDATES`, each a walk down an index that stops
early); then those projects and their skill ids. Scoring happens in Python; the best `CANDIDATES` make the feed
and only they are fetched with their client and skills.

Skills and categories are looked for only among the newest `CANDIDATES * HORIZON` open projects: the walk starts
at the newest and ends at the place of the horizon, found by (posted, id) so that projects posted at the same
moment cannot stretch it. Each project the skill walk passes is checked for a shared skill on its own, through the
link table's index, so the walk reads at most the horizon's projects and stops at the `CANDIDATES`-th match.
The project-id order of the link table would be shorter to walk, but ids need not follow posting times
(imported or back-dated projects), and the feed ranks by the time a project was posted.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import BooleanField, F, Func, OuterRef, QuerySet, Subquery, Value, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openhour.accounts.models import Profile, User
from openhour.catalog.models import Skill
from openhour.jobs.models import BudgetType, Invitation, Project
from openhour.jobs.selectors.projects import visible_to
from openhour.lib.errors import NotAllowed
from openhour.lib.money import format_money
from openhour.lib.wording import reading_order

CANDIDATES = 200  # the feed's length, and how many projects each source of candidates may bring
HORIZON = 20  # skills and categories are matched among the newest CANDIDATES * HORIZON open projects
FIXED_PRICE_HOURS = 5  # a fixed budget fits when it pays at least this many hours at the freelancer's rate
INVITED, PER_SKILL, CATEGORY, BUDGET = 1000, 100, 30, 20
RECENCY = ((timedelta(days=1), 15), (timedelta(days=3), 10), (timedelta(days=7), 5))
MOST_WITHOUT_A_SKILL = CATEGORY + BUDGET + max(points for _, points in RECENCY)


@dataclass(frozen=True)
class FeedItem:
    project: Project
    score: int
    reasons: list[str]


def job_feed(*, freelancer: User | AnonymousUser | None) -> list[FeedItem]:
    """Best matches first: invitations, then shared skills, category, budget fit and recency."""
    if freelancer is None or not freelancer.is_authenticated or not freelancer.is_freelancer:
        raise NotAllowed(_("The job feed is for freelancers: add the freelancer role to get one."))
    profile = Profile.objects.filter(user_id=freelancer.pk).prefetch_related("skills").first()
    skills = {skill.pk: skill for skill in profile.skills.all()} if profile else {}
    categories = {skill.category_id for skill in skills.values()}
    invited, others = _candidate_ids(freelancer, skills, categories)
    skills_of = _skill_ids(invited | others)
    ids = _contenders(invited, others, skills_of, skills)
    projects = Project.objects.filter(pk__in=ids).select_related("category").order_by()
    now = timezone.now()
    items = [
        _score(project, project.pk in invited, skills_of[project.pk], skills, categories, profile, now)
        for project in projects
    ]
    items.sort(key=lambda item: (-item.score, -item.project.created_at.timestamp(), -item.project.pk))
    return items[:CANDIDATES]


def details_load(items: Iterable[FeedItem]) -> None:
    """Read the client and skills each item on show displays: for the page alone, not for all 200."""
    prefetch_related_objects([item.project for item in items], "client", "skills")


def _candidate_ids(freelancer: User, skills: dict[int, Skill], categories: set[int]) -> tuple[set[int], set[int]]:
    """Invited projects, then the newest sharing a skill, in a category of the freelancer's, and of all."""
    visible = Project.objects.filter(visible_to(freelancer))
    recent = visible.filter(_AtOrAfter(F("created_at"), F("pk"), *horizon)) if (horizon := _horizon()) else visible
    invited = _invited(freelancer)
    others = _newest(recent.filter(category_id__in=categories), freelancer) | _newest(visible, freelancer)
    if skills:
        others |= _newest(recent.alias(shared=_a_shared_skill(skills)).filter(shared__isnull=False), freelancer)
    return invited, others


def _a_shared_skill(skills: dict[int, Skill]) -> Subquery:
    """One of the project's skills that the freelancer has, or NULL. A scalar subquery, so PostgreSQL looks it up
    for each project the walk passes instead of hashing every project of those skills (as it does an EXISTS)."""
    links = Project.skills.through.objects.filter(project_id=OuterRef("pk"), skill_id__in=skills)
    return Subquery(links.values("skill_id")[:1])


def _invited(freelancer: User) -> set[int]:
    """The open projects of the freelancer's latest invitations, read from the invitations' index by freelancer."""
    invitations = Invitation.objects.filter(freelancer_id=freelancer.pk, project__status=Project.Status.OPEN)
    invitations = invitations.exclude(project__client_id=freelancer.pk).order_by("-id")
    return set(invitations.values_list("project_id", flat=True)[:CANDIDATES])


def _horizon() -> tuple[datetime, int] | None:
    """When, and as which id, the open project `CANDIDATES * HORIZON` places down was posted: rare skills stop there."""
    place = CANDIDATES * HORIZON
    posted = Project.objects.filter(status=Project.Status.OPEN).order_by("-created_at", "-id")
    return next(iter(posted.values_list("created_at", "pk")[place - 1 : place]), None)


class _AtOrAfter(Func):
    """`(posted, id) >= (at, pk)` as one row comparison: PostgreSQL ends its index walk exactly there, SQLite at the
    first project posted before `at` (it does not range over a rowid column)."""

    arity = 4
    output_field = BooleanField()

    def __init__(self, posted: F, pk: F, at: datetime, at_pk: int) -> None:
        super().__init__(posted, pk, Value(at), Value(at_pk))

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **kwargs: Any) -> tuple[str, tuple[Any, ...]]:
        parts = [compiler.compile(expression) for expression in self.get_source_expressions()]
        return "({}, {}) >= ({}, {})".format(*(sql for sql, _ in parts)), tuple(p for _, ps in parts for p in ps)


def _contenders(
    invited: set[int], others: set[int], skills_of: dict[int, set[int]], skills: dict[int, Skill]
) -> set[int]:
    """All candidates, or only those invited or sharing a skill when they fill the feed: nothing else outranks them."""
    matching = invited | {pk for pk in others if not skills_of[pk].isdisjoint(skills)}
    if len(matching) >= CANDIDATES and MOST_WITHOUT_A_SKILL < PER_SKILL:
        return matching
    return invited | others


def _newest(projects: QuerySet[Project], freelancer: User) -> set[int]:
    return set(_open_newest(projects, freelancer).values_list("pk", flat=True)[:CANDIDATES])


def _open_newest(projects: QuerySet[Project], freelancer: User) -> QuerySet[Project]:
    """The open projects of `projects` not the freelancer's own, newest first: a walk down the open-project index."""
    return projects.filter(status=Project.Status.OPEN).exclude(client_id=freelancer.pk).order_by("-created_at", "-id")


def _skill_ids(project_ids: set[int]) -> defaultdict[int, set[int]]:
    """Each project's skill ids, to score without building every candidate's skills."""
    pairs = Project.skills.through.objects.filter(project_id__in=project_ids).values_list("project_id", "skill_id")
    skills_of: defaultdict[int, set[int]] = defaultdict(set)
    for project_id, skill_id in pairs:
        skills_of[project_id].add(skill_id)
    return skills_of


def _score(
    project: Project,
    invited: bool,
    skill_ids: set[int],
    skills: dict[int, Skill],
    categories: set[int],
    profile: Profile | None,
    now: datetime,
) -> FeedItem:
    score, reasons = 0, []
    if invited:
        score += INVITED
        reasons.append(_("You were invited"))
    shared = sorted((skills[pk].label for pk in skill_ids if pk in skills), key=reading_order)
    if shared:
        score += PER_SKILL * len(shared)
        reasons.append(
            ngettext("Matches one of your skills: %(names)s", "Matches %(n)d of your skills: %(names)s", len(shared))
            % {"n": len(shared), "names": ", ".join(shared)}
        )
    if project.category_id in categories:
        score += CATEGORY
        if not shared:
            reasons.append(_("In %(category)s, where your skills are") % {"category": project.category.label})
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
