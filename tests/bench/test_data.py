"""The scale data generator (bench/data) at a tiny size: what it writes keeps the ledger, the search index and
the review counts right, as the real services would have left them."""

import bisect
import random
import re
from collections import Counter
from datetime import datetime

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from bench.data import postgres, projects, search, stages, words, writer
from bench.data.plan import Plan
from openhour.accounts.models import Profile, User
from openhour.jobs.models import Project, Proposal, ProposedMilestone
from openhour.jobs.selectors.projects import project_search
from openhour.lib.process import CLIENT, FREELANCER
from openhour.messaging.conversations.selectors import unread_messages_count
from openhour.messaging.models import Message, Participant
from openhour.money.audit import ledger_problems
from openhour.reviews.integrity.similarity import SimilarityBand
from openhour.reviews.models import Reputation, Review
from openhour.reviews.scoring import reputation_of
from openhour.search.models import SearchDocument

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


def test_zipf_draws_what_a_bisect_over_every_weight_draws() -> None:
    zipf, plain, guided = words.Zipf(50_000, 1.0), random.Random(3), random.Random(3)
    for _ in range(20_000):
        assert zipf.draw(guided) == bisect.bisect_left(zipf.cumulative, plain.random() * zipf.cumulative[-1])
    plain, guided = random.Random(4), random.Random(4)
    drawn = words.words(guided, 5_000)
    assert drawn == [
        words.VOCABULARY[bisect.bisect_left(words.WORDS.cumulative, plain.random() * words.WORDS.total)]
        for _ in range(5_000)
    ]


def schema() -> list[tuple[str, ...]]:
    """Every index, constraint and trigger, as the database prints them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')")
            return sorted(cursor.fetchall())
        cursor.execute(
            "SELECT 'index', indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            " UNION ALL SELECT 'constraint', conname, conrelid::regclass::text, pg_get_constraintdef(oid)"
            " || CASE WHEN convalidated THEN '' ELSE ' NOT VALID' END FROM pg_constraint"
            " WHERE connamespace = current_schema()::text::regnamespace"
            " UNION ALL SELECT 'trigger', tgname, tgrelid::regclass::text, pg_get_triggerdef(oid) || tgenabled::text"
            " FROM pg_trigger WHERE NOT tgisinternal"
        )
        return sorted(cursor.fetchall())


def indexes_invalid() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid OR NOT indisready")
        return [name for (name,) in cursor.fetchall()]


@pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), reason="SQLite's schema")
def test_every_index_the_migrations_made_is_there_after_loading_on_sqlite() -> None:
    migrated = schema()
    stages.run(PLAN, timezone.now(), markers=False, say=lambda line: None)
    assert schema() == migrated


@pytest.mark.postgres
def test_every_index_the_migrations_made_is_there_after_loading_on_postgres() -> None:
    migrated = schema()
    assert any(kind == "index" and "search_document_vector" in name for kind, name, *_ in migrated)
    stages.run(PLAN, timezone.now(), markers=False, say=lambda line: None)
    assert schema() == migrated
    assert indexes_invalid() == []


def interrupted(plan: Plan, now: datetime) -> str:
    projects.load(plan, now)
    assert Proposal.objects.exists()
    raise KeyboardInterrupt  # as if the run were stopped mid-way


@pytest.mark.postgres
def test_a_stage_interrupted_mid_way_leaves_its_indexes_and_reruns_cleanly() -> None:
    stages.markers_ensure()
    migrated = schema()
    people, project_stage = stages.STAGES[0], stages.STAGES[1]
    broken = stages.Stage("projects", interrupted, project_stage.writes)
    with pytest.raises(KeyboardInterrupt):
        stages.run(PLAN, timezone.now(), say=lambda line: None, stages=[people, broken])
    assert not Project.objects.exists() and User.objects.exists()
    assert schema() == migrated and indexes_invalid() == []
    said: list[str] = []
    stages.run(PLAN, timezone.now(), say=said.append)
    assert said[0].startswith("people     done earlier")
    assert Project.objects.count() == 200 and Proposal.objects.count() == 1000
    assert schema() == migrated and indexes_invalid() == []
    assert ledger_problems() == []


def orphans(plan: Plan, now: datetime) -> str:
    lost = {"id": 1, "proposal_id": 10**9, "title": "Lost", "amount": 100, "due_in_days": 7}
    writer.write(ProposedMilestone, [lost], now)
    return "one milestone of no proposal"


@pytest.mark.postgres
def test_a_row_naming_no_row_fails_its_stage_loudly() -> None:
    migrated = schema()
    stage = stages.Stage("orphans", orphans, (ProposedMilestone,))
    with pytest.raises(postgres.BrokenLoad, match=r"jobs_proposedmilestone\.proposal_id names no jobs_proposal row"):
        stages.run(PLAN, timezone.now(), markers=False, say=lambda line: None, stages=[stage])
    unnamed = stages.Stage("unnamed", orphans, (Proposal,))
    with pytest.raises(postgres.BrokenLoad, match="jobs_proposedmilestone is not among the tables of this stage"):
        stages.run(PLAN, timezone.now(), markers=False, say=lambda line: None, stages=[unnamed])
    assert schema() == migrated and not ProposedMilestone.objects.exists()


@pytest.mark.postgres
def test_the_search_stage_writes_the_documents_search_reindex_writes(loaded: Plan) -> None:
    odd = User.objects.create_user(username="odd", email="odd@example.com", name="\u2003Ann ", password="x")
    Profile.objects.filter(user=odd).update(headline=" lead\n", bio="")
    search.rebuild()
    ours = list(SearchDocument.objects.order_by("pk").values_list("kind", "object_id", "title", "skills", "body"))
    call_command("search_reindex", stdout=None)
    theirs = list(SearchDocument.objects.order_by("pk").values_list("kind", "object_id", "title", "skills", "body"))
    assert ours == theirs
    assert ("person", odd.pk, "Ann   lead", "", "") in ours


def test_the_similarity_stage_writes_the_keys_similarity_index_writes(loaded: Plan) -> None:
    ours = list(SimilarityBand.objects.order_by("review", "band").values_list("review", "band", "key"))
    call_command("similarity_index", "--all", stdout=None)
    theirs = list(SimilarityBand.objects.order_by("review", "band").values_list("review", "band", "key"))
    assert ours == theirs
    assert {review for review, _band, _key in ours} == set(Review.objects.values_list("pk", flat=True))


def test_conversations_keep_what_sending_and_reading_would_have_kept(loaded: Plan) -> None:
    sides = Participant.objects.select_related("conversation")
    assert sides.filter(unread__gt=0).exists() and sides.filter(unread=0).exists()
    for side in sides:
        conversation = side.conversation
        messages = Message.objects.filter(conversation=conversation).order_by("-created_at", "-id")
        news = messages.filter(created_at__gt=side.last_read_at).exclude(sender_id=side.user_id)
        assert (side.unread, side.activity) == (news.count(), conversation.last_message_at)
        assert conversation.last_message == messages.first()
    behind = User.objects.get(pk=sides.filter(unread__gt=0).values_list("user", flat=True).first())
    assert unread_messages_count(user=behind) == sum(side.unread for side in sides.filter(user=behind))
