"""Stage `projects`: N projects (open, hired or closed; fixed or hourly; over every category and its skills),
each with five proposals from distinct freelancers. The freelancer hired on a project is drawn with a Zipf-like
skew, so a few freelancers win thousands of contracts (and so get thousands of reviews)."""

import random
from datetime import datetime, timedelta

from bench.data import words
from bench.data.plan import HIRED, HOURLY, OPEN, PROPOSALS_PER_PROJECT, Plan
from bench.data.writer import Table, next_id, sequences_reset
from openhour.accounts.models import User
from openhour.catalog.models import Skill
from openhour.jobs.models import BudgetType, Project, Proposal, ProposedMilestone


def people(plan: Plan) -> tuple[list[int], list[int]]:
    """The generated clients and freelancers, by id."""
    found = User.objects.filter(username__regex=rf"^[cf]{plan.seed}_").order_by("pk").values_list("pk", "is_client")
    rows = list(found)
    return [pk for pk, client in rows if client], [pk for pk, client in rows if not client]


class Hiring:
    """Half the hires go to anyone, half by Zipf over a shuffled ranking of freelancers."""

    def __init__(self, freelancers: list[int], rng: random.Random) -> None:
        self.ranking = freelancers[:]
        rng.shuffle(self.ranking)
        self.zipf = words.Zipf(len(self.ranking), 1.0)

    def draw(self, rng: random.Random) -> int:
        if rng.random() < 0.5:
            return rng.choice(self.ranking)
        return self.ranking[self.zipf.draw(rng)]


def split(price: int) -> list[int]:
    """The two milestones of a hired proposal: half (in whole units) now, the rest on delivery."""
    first = max(price // 200 * 100, 100)
    return [first, price - first] if price - first > 0 else [price]


def load(plan: Plan, now: datetime) -> str:
    rng = random.Random(f"{plan.seed}:projects")  # noqa: S311 -- test data, not secrets
    clients, freelancers = people(plan)
    hiring = Hiring(freelancers, rng)
    by_category: dict[int, list[int]] = {}
    for pk, category in Skill.objects.order_by("pk").values_list("pk", "category_id"):
        by_category.setdefault(category, []).append(pk)
    categories = sorted(by_category)
    tables = {model: Table(model, now) for model in (Project, Project.skills.through, Proposal, ProposedMilestone)}
    ids = {model: next_id(model) for model in tables}
    for number in range(plan.projects):
        _project(plan, rng, now, number, tables, ids, clients, freelancers, hiring, categories, by_category)
    for table in tables.values():
        table.flush()
    sequences_reset(*tables)
    return f"{tables[Project].count} projects, {tables[Proposal].count} proposals"


def _next(ids: dict, model: type) -> int:  # type: ignore[type-arg]
    ids[model] += 1
    return ids[model] - 1


def _project(plan, rng, now, number, tables, ids, clients, freelancers, hiring, categories, by_category) -> None:  # type: ignore[no-untyped-def]
    pk = _next(ids, Project)
    draw = rng.random()
    status = (
        Project.Status.HIRED if draw < HIRED else Project.Status.OPEN if draw < HIRED + OPEN else Project.Status.CLOSED
    )
    hourly = rng.random() < HOURLY
    low = rng.choice([15, 25, 40, 60]) * 100 if hourly else rng.choice([100, 250, 500, 1000, 2500, 5000]) * 100
    created = now - timedelta(days=rng.randint(0, 14) if status == Project.Status.OPEN else rng.randint(30, 1000))
    category = rng.choice(categories)
    tables[Project].add(
        id=pk,
        client_id=rng.choice(clients),
        title=words.title(rng),
        description=words.paragraph(rng),
        category_id=category,
        budget_type=BudgetType.HOURLY if hourly else BudgetType.FIXED,
        budget_min=low,
        budget_max=low * 2,
        currency="GBP",
        status=status,
        created_at=created,
        updated_at=created,
    )
    for skill in rng.sample(by_category[category], min(len(by_category[category]), rng.randint(1, 3))):
        tables[Project.skills.through].add(id=_next(ids, Project.skills.through), project_id=pk, skill_id=skill)
    hired = hiring.draw(rng) if status == Project.Status.HIRED else None
    bidders = [hired] if hired else []
    while len(bidders) < PROPOSALS_PER_PROJECT:
        other = rng.choice(freelancers)
        if other not in bidders:
            bidders.append(other)
    for position, freelancer in enumerate(bidders):
        _proposal(rng, tables, ids, pk, freelancer, status, position == 0 and hired is not None, low, hourly, created)


def _proposal(rng, tables, ids, project, freelancer, project_status, accepted, low, hourly, created) -> None:  # type: ignore[no-untyped-def]
    pk = _next(ids, Proposal)
    price = low * (rng.randint(20, 80) if hourly else 1) + rng.randint(0, low // 100) * 100
    if accepted:
        status = Proposal.Status.ACCEPTED
    elif project_status == Project.Status.OPEN:
        status = Proposal.Status.SHORTLISTED if rng.random() < 0.15 else Proposal.Status.SUBMITTED
    else:
        status = Proposal.Status.CLOSED
    sent = created + timedelta(hours=rng.randint(1, 72))
    tables[Proposal].add(
        id=pk,
        project_id=project,
        freelancer_id=freelancer,
        cover_letter=words.paragraph(rng, 15, 35),
        price=price,
        currency="GBP",
        delivery_days=rng.randint(3, 60),
        status=status,
        created_at=sent,
        updated_at=sent,
    )
    for position, amount in enumerate(split(price) if accepted else [price]):
        tables[ProposedMilestone].add(
            id=_next(ids, ProposedMilestone),
            proposal_id=pk,
            title="Delivery" if position else "First draft",
            amount=amount,
            due_in_days=7 * (position + 1),
            position=position,
        )
