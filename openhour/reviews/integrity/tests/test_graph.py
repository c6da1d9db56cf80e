"""Collusion in the graph of who hired and reviewed whom: review swaps between people who hire each other, rings
of any size, review farms; and the honest shapes that look a little like them and must pass.

Sizes and prices are drawn at random over several seeds: a check tuned to one ring size or price fails here.
"""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews.integrity.checks import wash
from openhour.reviews.models import Review
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

SEEDS = [3, 1717, 90210]
ORDINARY = (15_000, 300_000)  # £150 to £3,000: what work here usually pays


def person(name):
    return make_user(name, name=f"{name.title()} Person", client=True, freelancer=True)


def hire(client, freelancer, amount, *, reviews=(CLIENT, FREELANCER), stars=5):
    """A finished contract and the reviews its parties wrote on it (client's first)."""
    contract = finished(client, freelancer, amount)
    authors = {CLIENT: client, FREELANCER: freelancer}
    return [review_submit(contract_id=contract.pk, by=authors[role], data=body(role, stars)) for role in reviews]


def fresh(review):
    return Review.objects.get(pk=review.pk)


def ring_of(rng, size, prefix="ring"):
    people = [person(f"{prefix}{i}") for i in range(size)]
    written = []
    for index, member in enumerate(people):
        written += hire(member, people[(index + 1) % size], rng.randint(*ORDINARY))
    return people, written


# ---- rings and clusters ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_a_ring_of_any_size_at_ordinary_prices_is_found_from_any_of_its_reviews(seed):
    rng = random.Random(seed)
    size = rng.randint(3, 9)
    people, written = ring_of(rng, size)
    for review in rng.sample(written, 3):
        score, evidence = wash.check(fresh(review))
        assert evidence["pattern"] == "ring" and evidence["accounts"] == sorted(p.pk for p in people)
        assert evidence["reviews"] == sorted(r.pk for r in written) and len(evidence["contracts"]) == size
        assert f"{size} accounts hire one another" in evidence["explanation"] and score >= 0.5


@pytest.mark.django_db
def test_a_ring_is_found_as_it_closes_and_given_to_its_earlier_reviews():
    _people, written = ring_of(random.Random(5), 5)
    assert {fresh(r).signals.get().kind for r in written} == {"wash_trading"}
    assert {fresh(r).risk_decision for r in written} <= {"queue", "hold"}


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_a_dense_cluster_of_accounts_hiring_each_other_is_found(seed):
    rng = random.Random(seed)
    people = [person(f"dense{i}") for i in range(rng.randint(4, 6))]
    pairs = [(a, b) for a in people for b in people if a != b]
    for client, freelancer in rng.sample(pairs, len(people) * 2):
        hire(client, freelancer, rng.randint(*ORDINARY))
    for client, freelancer in zip(people, people[1:] + people[:1], strict=True):  # every one inside a cycle
        last = hire(client, freelancer, rng.randint(*ORDINARY))[0]
    _score, evidence = wash.check(fresh(last))
    assert evidence["pattern"] in {"ring", "cluster"} and set(evidence["accounts"]) == {p.pk for p in people}


@pytest.mark.django_db
def test_the_stars_play_no_part(settings):
    _people, low = ring_of(random.Random(8), 4, prefix="low")
    Review.objects.filter(pk__in=[r.pk for r in low]).update(overall=1)
    assert wash.check(fresh(low[-1]))[1]["pattern"] == "ring"


@pytest.mark.django_db
def test_ring_members_whose_work_is_mostly_outside_the_ring_are_not_a_ring():
    rng = random.Random(21)
    people, written = ring_of(rng, 3, prefix="busy")
    for index, member in enumerate(people):
        for other in range(3):
            hire(make_user(f"cust{index}{other}", name="Real Customer", client=True), member, 40_000)
    assert wash.check(fresh(written[-1])) is None


@pytest.mark.django_db
def test_the_share_of_outside_work_a_cluster_may_have_is_a_setting(settings):
    people, written = ring_of(random.Random(2), 3, prefix="set")
    hire(make_user("outsider", name="Out Sider", client=True), people[0], 40_000)
    assert wash.check(fresh(written[-1])) is not None  # one outside customer out of three counterparties
    settings.INTEGRITY_CLUSTER_OUTSIDE_SHARE = 0.1
    assert wash.check(fresh(written[-1])) is None


# ---- reciprocal pairs -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_two_freelancers_who_hire_each_other_once_and_swap_reviews_are_found(seed):
    rng = random.Random(seed)
    ann, bob = person("ann"), person("bob")
    first = hire(ann, bob, rng.randint(*ORDINARY), reviews=(CLIENT,))
    second = hire(bob, ann, rng.randint(*ORDINARY), reviews=(CLIENT,))
    score, evidence = wash.check(fresh(second[0]))
    assert evidence["pattern"] == "reciprocal" and evidence["accounts"] == sorted((ann.pk, bob.pk))
    assert evidence["reviews"] == [first[0].pk, second[0].pk] and score >= 0.5
    assert "hired each other" in evidence["explanation"]
    assert fresh(first[0]).signals.get().kind == "wash_trading"  # given to the first half of the swap too


@pytest.mark.django_db
def test_two_freelancers_who_hired_each_other_without_swapping_reviews_pass(clara):
    ann, bob = person("ann"), person("bob")
    hire(ann, bob, 80_000, reviews=())
    hire(bob, ann, 65_000, reviews=())
    for review in hire(clara, ann, 50_000) + hire(clara, bob, 50_000):
        assert wash.check(fresh(review)) is None
    one_sided = hire(ann, bob, 70_000, reviews=(CLIENT, FREELANCER))  # a review of the work bought, not returned
    assert all(wash.check(fresh(review)) is None for review in one_sided)


# ---- review farms ---------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_a_reviewer_buying_tiny_fast_contracts_from_the_same_few_is_a_farm(seed, clara):
    rng = random.Random(seed)
    sellers = [make_user(f"seller{i}", name="Seller", freelancer=True) for i in range(rng.randint(1, 3))]
    written = [hire(clara, rng.choice(sellers), rng.randint(500, 3_000), reviews=(CLIENT,))[0] for _ in range(4)]
    score, evidence = wash.check(fresh(written[-1]))
    assert evidence["pattern"] == "farm" and score >= 0.6
    assert evidence["reviews"] == [r.pk for r in written] and len(evidence["contracts"]) == 4
    assert "made for a review" in evidence["explanation"]


@pytest.mark.django_db
def test_tiny_is_relative_to_the_setting_when_the_category_has_no_prices(clara, fred, settings):
    written = [hire(clara, fred, 9_000, reviews=(CLIENT,))[0] for _ in range(3)]
    assert wash.check(fresh(written[-1])) is None  # £90: not tiny at the default £50
    settings.INTEGRITY_FARM_TINY_DEFAULT = 100
    assert wash.check(fresh(written[-1]))[1]["pattern"] == "farm"


# ---- honest shapes --------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_a_client_who_rehires_one_freelancer_many_times_passes(seed, clara, fred):
    rng = random.Random(seed)
    written = []
    for _ in range(rng.randint(4, 8)):
        written += hire(clara, fred, rng.randint(*ORDINARY))
    assert all(wash.check(fresh(review)) is None for review in written)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_an_agencys_staff_hiring_the_same_few_freelancers_pass(seed):
    rng = random.Random(seed)
    staff = [make_user(f"staff{i}", name="Agency Staff", client=True) for i in range(rng.randint(3, 6))]
    freelancers = [make_user(f"free{i}", name="Free Lancer", freelancer=True) for i in range(rng.randint(2, 3))]
    written = []
    for member in staff:
        for freelancer in freelancers:
            written += hire(member, freelancer, rng.randint(*ORDINARY))
    assert all(wash.check(fresh(review)) is None for review in written)


@pytest.mark.django_db
def test_a_popular_freelancer_passes_and_costs_the_same_few_queries(fred):
    clients = [make_user(f"fan{i}", name="Fan", client=True) for i in range(30)]
    written = [hire(client, fred, 20_000)[0] for client in clients[:3]]
    with CaptureQueriesContext(connection) as few:
        assert wash.check(fresh(written[-1])) is None
    written += [hire(client, fred, 20_000)[0] for client in clients[3:]]
    with CaptureQueriesContext(connection) as many:
        assert wash.check(fresh(written[-1])) is None
    assert len(many) == len(few) <= 3


@pytest.mark.django_db
def test_a_ring_is_read_in_a_bounded_number_of_queries():
    _people, written = ring_of(random.Random(4), 9, prefix="big")
    review = fresh(written[-1])
    with CaptureQueriesContext(connection) as captured:
        assert wash.check(review) is not None
    assert len(captured) <= 1 + 5 + 1 + 2  # both ways, the walk, the reviews, the author's contracts (+ market)
