"""The scale data generator (bench/data) at a tiny size: what it writes keeps the ledger, the search index and
the review counts right, as the real services would have left them."""

import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from bench.data import stages, words
from bench.data.plan import Plan
from openhour.accounts.models import User
from openhour.jobs.models import Project, Proposal
from openhour.jobs.selectors.projects import project_search
from openhour.lib.process import CLIENT, FREELANCER
from openhour.money.audit import ledger_problems
from openhour.reviews.models import Reputation, Review
from openhour.reviews.scoring import reputation_of

pytestmark = pytest.mark.django_db

PLAN = Plan("200", seed=7)


@pytest.fixture
def loaded() -> Plan:
    stages.run(PLAN, timezone.now(), markers=False, say=lambda line: None)
    return PLAN


def test_sizes_and_shape(loaded: Plan) -> None:
    assert Project.objects.count() == 200
    assert Proposal.objects.count() == 200 * 5
    assert Review.objects.count() == loaded.reviews
    assert User.objects.filter(is_freelancer=True).count() == loaded.freelancers


def test_ledger_adds_up(loaded: Plan) -> None:
    assert ledger_problems() == []
    call_command("ledger_check", stdout=None)


def test_search_finds_a_project_by_a_rare_word(loaded: Plan) -> None:
    rare = set(words.RARE)
    seen = Counter(
        word
        for text in Project.objects.values_list("description", flat=True)
        for word in set(re.findall(r"[a-z]+", text.lower()))
        if word in rare
    )
    word = min(seen, key=lambda each: (seen[each], each))
    project = next(p for p in Project.objects.all() if word in p.description.lower().split())
    assert project in project_search(q=word, status="")


def test_review_counts_match_on_the_profile_page(loaded: Plan, client) -> None:
    busiest = User.objects.filter(is_freelancer=True).annotate(n=Count("reviews_received")).order_by("-n", "pk").first()
    assert busiest is not None and busiest.n > 1
    summary = reputation_of(user=busiest, role=FREELANCER)
    stored = Reputation.objects.get(user=busiest, role=FREELANCER)
    assert summary.reviews == stored.reviews == busiest.n
    assert float(stored.score) == summary.score
    page = client.get(reverse("public_profile", args=[busiest.username]))
    assert f"from {busiest.n} reviews" in page.content.decode()
    assert Reputation.objects.filter(role=CLIENT).exists()
