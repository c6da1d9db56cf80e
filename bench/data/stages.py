"""The stages in order with the tables each fills, and the table that records which finished."""

import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime

from allauth.account.models import EmailAddress
from django.db import connection, models, transaction

from bench.data import contracts, messages, people, postgres, projects, reviews, search, similarity
from bench.data.plan import Plan
from openhour.accounts.models import Profile, User
from openhour.contracts.models import Contract, Milestone
from openhour.jobs.models import Project, Proposal, ProposedMilestone
from openhour.messaging.models import Conversation, Message, Participant
from openhour.money.models import Account, Billing, Payment, Transfer
from openhour.reviews.integrity.similarity import SimilarityBand
from openhour.reviews.models import PlatformMean, Reputation, Review, ReviewRound
from openhour.search.models import SearchDocument


@dataclass(frozen=True)
class Stage:
    name: str
    load: Callable[[Plan, datetime], str]
    writes: tuple[type[models.Model], ...]  # on PostgreSQL, their indexes are built again after the stage's writes


STAGES: list[Stage] = [
    Stage("people", people.load, (User, EmailAddress, Profile, Profile.skills.through)),
    Stage("projects", projects.load, (Project, Project.skills.through, Proposal, ProposedMilestone)),
    Stage("contracts", contracts.load, (Contract, Milestone, Account, Transfer, Payment, Billing)),
    Stage("reviews", reviews.load, (ReviewRound, Review, Reputation, PlatformMean)),
    Stage("messages", messages.load, (Conversation, Participant, Message)),
    Stage("search", search.load, (SearchDocument,)),
    Stage("similarity", similarity.load, (SimilarityBand,)),
]


def markers_ensure() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_stage (name varchar(40) PRIMARY KEY, size varchar(20) NOT NULL,"
            " seed integer NOT NULL, seconds real NOT NULL, summary text NOT NULL)"
        )


def finished() -> dict[str, tuple[str, int, float, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, size, seed, seconds, summary FROM bench_stage")
        return {name: (size, seed, seconds, summary) for name, size, seed, seconds, summary in cursor.fetchall()}


def writing(stage: Stage) -> AbstractContextManager[None]:
    return postgres.loading(stage.writes) if connection.vendor == "postgresql" else nullcontext()


def run(
    plan: Plan,
    now: datetime,
    *,
    markers: bool = True,
    say: Callable[[str], None] = print,
    stages: list[Stage] = STAGES,
) -> float:
    """Every stage not finished yet, each in its own transaction; the seconds they took in all."""
    done = finished() if markers else {}
    total = 0.0
    for stage in stages:
        if stage.name in done:
            size, seed, seconds, summary = done[stage.name]
            if (size, seed) != (plan.size, plan.seed):
                raise SystemExit(f"this database holds size {size} seed {seed}: use --fresh to start over")
            say(f"{stage.name:<10} done earlier ({seconds:7.1f} s): {summary}")
            continue
        started = time.monotonic()
        with transaction.atomic():
            with writing(stage):
                summary = stage.load(plan, now)
            seconds = time.monotonic() - started
            if markers:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "INSERT INTO bench_stage (name, size, seed, seconds, summary) VALUES (%s, %s, %s, %s, %s)",
                        [stage.name, plan.size, plan.seed, seconds, summary],
                    )
        total += seconds
        say(f"{stage.name:<10} {seconds:7.1f} s: {summary}")
    return total
