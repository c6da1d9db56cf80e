"""The published reputation formula against examples worked out by hand (the arithmetic is in the comments).

score = (C·m + Σ wᵢ·rᵢ) / (C + Σ wᵢ), wᵢ = 0.5^(ageᵢ / 12 months), C = 7 phantom reviews at the platform mean m.
A month is 365.25 / 12 days, so 12 months = 365.25 days and 24 months = 730.5 days.
"""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from openhour.contracts.models import Contract
from openhour.reviews.models import PlatformMean, Reputation
from openhour.reviews.scoring import (
    bayesian_score,
    decay_weight,
    reputation_of,
    reputation_refresh,
    reputations_rebuild,
    reputations_refresh_due,
    wilson_lower_bound,
)
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

YEAR = timedelta(days=365.25)  # twelve months: one half-life


# ---- the pieces of the formula --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "weight"),
    [
        (timedelta(0), 1.0),  # written now: full weight
        (YEAR, 0.5),  # 0.5^(12/12)
        (2 * YEAR, 0.25),  # 0.5^(24/12)
        (YEAR / 2, 2**-0.5),  # 0.5^(6/12) = 1/√2 ≈ 0.7071
        (-timedelta(days=3), 1.0),  # a clock a little ahead never weighs more than now
    ],
)
def test_decay_weight_halves_every_twelve_months(age, weight):
    assert decay_weight(age, 12) == pytest.approx(weight)


def test_decay_weight_follows_the_configured_half_life():
    assert decay_weight(YEAR, 6) == pytest.approx(0.25)  # two half-lives of six months
    assert decay_weight(2 * YEAR, 24) == pytest.approx(0.5)


def test_bayesian_score_pulls_towards_the_platform_mean():
    # One fresh 5★ at a platform mean of 4 with 7 phantoms: (7·4 + 1·5) / (7 + 1) = 33 / 8 = 4.125
    assert bayesian_score([(5, 1.0)], prior_mean=4.0, prior_reviews=7) == pytest.approx(4.125)
    # 5★ now, 5★ a year ago, 2★ two years ago, mean 4: (28 + 5 + 2.5 + 0.5) / (7 + 1.75) = 36 / 8.75 ≈ 4.1143
    weighted = [(5, 1.0), (5, 0.5), (2, 0.25)]
    assert bayesian_score(weighted, prior_mean=4.0, prior_reviews=7) == pytest.approx(36 / 8.75)
    # No reviews: exactly the platform mean. No prior: the plain weighted mean, 8 / 1.75 ≈ 4.5714
    assert bayesian_score([], prior_mean=3.9, prior_reviews=7) == pytest.approx(3.9)
    assert bayesian_score(weighted, prior_mean=4.0, prior_reviews=0) == pytest.approx(8 / 1.75)


@pytest.mark.parametrize(
    ("positive", "total", "bound"),
    [
        # p = 0.9, z² = 3.8415: (0.9 + 3.8415/20 − 1.96·√((0.09 + 3.8415/40)/10)) / (1 + 3.8415/10)
        #                      = (1.09207 − 0.26733) / 1.38415 ≈ 0.5958
        (9, 10, 0.5958),
        # p = 1: (1 + 0.19207 − 1.96·√(0.09604/10)) / 1.38415 = (1.19207 − 0.19207) / 1.38415 ≈ 0.7225
        (10, 10, 0.7225),
        # p = 2/3, n = 3: (1.30692 − 0.83335) / 2.28050 ≈ 0.2077: few answers, cautious bound
        (2, 3, 0.2077),
        (0, 3, 0.0),  # nobody would again: the bound is 0, never below
    ],
)
def test_wilson_lower_bound(positive, total, bound):
    found = wilson_lower_bound(positive, total)
    assert found is not None and found == pytest.approx(bound, abs=1e-4) and found >= 0


def test_wilson_lower_bound_of_nothing_is_none():
    assert wilson_lower_bound(0, 0) is None


# ---- a whole reputation, from reviews written through the services ---------------------------------------


def reviewed(client: Any, freelancer: Any, at: datetime, overall: int, **changes: Any) -> Contract:
    """A completed contract reviewed by both sides at `at`, so both reviews publish then."""
    with time_machine.travel(at, tick=False):
        contract = finished(client, freelancer)
        review_submit(contract_id=contract.pk, by=client, data=body("client", overall, **changes))
        review_submit(contract_id=contract.pk, by=freelancer, data=body("freelancer", 5))
    return contract


@pytest.fixture
def now(clara, fred, olga) -> datetime:
    """Fred's record, worked out by hand in test_freds_reputation_by_hand; the clock stops at `now`."""
    moment = timezone.now().replace(microsecond=0)
    reviewed(clara, fred, moment - 2 * YEAR, 2, would_work_again=False)  # A: weight ¼
    reviewed(clara, fred, moment - YEAR, 4)  # B: weight ½
    ratings = {"quality": 5, "communication": 3, "expertise": 5, "timeliness": 5, "value": 5}
    reviewed(clara, fred, moment, 5, ratings=ratings)  # C: weight 1
    with time_machine.travel(moment, tick=False):
        finished(clara, fred)  # D: completed, and Clara never reviews it: silence
    reviewed(clara, olga, moment, 1)  # Olga's only review: it counts in the platform mean
    return moment


@pytest.mark.django_db
def test_freds_reputation_by_hand(fred, now, ledger_ok):
    with time_machine.travel(now, tick=False):
        summary = reputation_of(user=fred, role="freelancer")

    # Platform mean of clients' overall ratings: Fred's 2, 4, 5 and Olga's 1 → 12 / 4 = 3.0
    assert summary.prior_mean == pytest.approx(3.0)
    assert (summary.prior_reviews, summary.half_life_months) == (7, 12)
    # (7·3 + ¼·2 + ½·4 + 1·5) / (7 + ¼ + ½ + 1) = (21 + 0.5 + 2 + 5) / 8.75 = 28.5 / 8.75 = 3.2571… → 3.26
    assert summary.score == pytest.approx(3.26)
    assert summary.reviews == 3
    # Only C is within the last 365 days; B, exactly twelve months (365.25 days) old, just is not.
    assert summary.last_12_months == 1
    assert summary.distribution == {5: 1, 4: 1, 3: 0, 2: 1, 1: 0}
    # Per criterion, plain averages: quality (2 + 4 + 5) / 3 = 3.67; communication (2 + 4 + 3) / 3 = 3.0
    assert summary.criteria == {
        "quality": 3.67,
        "communication": 3.0,
        "expertise": 3.67,
        "timeliness": 3.67,
        "value": 3.67,
    }
    # Would hire again: yes on B and C, no on A → Wilson lower bound of 2/3 ≈ 0.2077 (see above)
    assert summary.would_again_yes == 2
    assert summary.would_again_lower_bound == pytest.approx(0.2077, abs=1e-4)
    # Positive (4★ or more): B and C = 2, over all 4 completed contracts (D's silence counts) → 50.0%
    assert (summary.positive, summary.completed_contracts, summary.effective_percent_positive) == (2, 4, 50.0)
    ledger_ok()


@pytest.mark.django_db
def test_the_prior_is_configurable(fred, now, settings, ledger_ok):
    settings.REPUTATION_PRIOR_REVIEWS = 0
    with time_machine.travel(now, tick=False):
        summary = reputation_of(user=fred, role="freelancer")
    # No phantoms: (0.5 + 2 + 5) / 1.75 = 4.2857… → 4.29
    assert summary.score == pytest.approx(4.29) and summary.prior_reviews == 0
    ledger_ok()


@pytest.mark.django_db
def test_the_reviewed_clients_side_is_scored_on_its_own_criteria(clara, now, ledger_ok):
    with time_machine.travel(now, tick=False):
        summary = reputation_of(user=clara, role="client")

    # Four 5★ reviews from freelancers (Fred on A, B, C; Olga on hers): the mean is 5, so the score is 5.0
    assert (summary.score, summary.reviews, summary.prior_mean) == (5.0, 4, 5.0)
    assert set(summary.criteria) == {"clarity", "communication", "payment_promptness", "scope_stability"}
    # Clara completed five contracts (four with Fred, one with Olga) and four positive reviews → 80.0%
    assert (summary.completed_contracts, summary.effective_percent_positive) == (5, 80.0)
    ledger_ok()


@pytest.mark.django_db
def test_nobody_reviewed_yet_has_no_score(olga, una):
    summary = reputation_of(user=una, role="freelancer")

    assert (summary.score, summary.reviews, summary.last_12_months, summary.prior_mean) == (None, 0, 0, None)
    assert summary.distribution == {5: 0, 4: 0, 3: 0, 2: 0, 1: 0} and summary.criteria == {}
    assert summary.would_again_lower_bound is None and summary.effective_percent_positive is None


@pytest.mark.django_db
def test_a_completed_contract_without_reviews_gives_zero_percent_positive(clara, fred, ledger_ok):
    finished(clara, fred)

    summary = reputation_of(user=fred, role="freelancer")

    assert (summary.completed_contracts, summary.positive, summary.effective_percent_positive) == (1, 0, 0.0)
    assert summary.score is None
    ledger_ok()


# ---- the stored score that search sorts by ----------------------------------------------------------------


@pytest.mark.django_db
def test_reputation_refresh_stores_the_score(fred, now, ledger_ok):
    with time_machine.travel(now, tick=False):
        row = reputation_refresh(user=fred, role="freelancer")

    row.refresh_from_db()
    assert (row.score, row.reviews, row.computed_at) == (Decimal("3.26"), 3, now)
    assert Reputation.objects.filter(user=fred).count() == 1  # refreshing again updates the one row
    ledger_ok()


@pytest.mark.django_db
def test_publishing_refreshes_the_reviewed_persons_score(clara, fred, ledger_ok):
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body("client", 4))
    assert not Reputation.objects.filter(user=fred).exists()  # sealed: nothing about it shows yet

    review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", 5))

    # Alone on the platform, Fred's 4★ is the mean: (7·4 + 4) / 8 = 4.0
    assert Reputation.objects.get(user=fred, role="freelancer").score == Decimal("4.00")
    assert Reputation.objects.get(user=clara, role="client").score == Decimal("5.00")
    ledger_ok()


@pytest.mark.django_db
def test_scores_older_than_a_day_are_refreshed_as_time_decays_them(fred, olga, now, ledger_ok):
    with time_machine.travel(now, tick=False):
        reputation_refresh(user=fred, role="freelancer")  # 3.26, as above
    year_later = now + YEAR
    with time_machine.travel(year_later - timedelta(hours=1), tick=False):
        reputation_refresh(user=olga, role="freelancer")  # fresh: not due again for a day

    with time_machine.travel(year_later, tick=False):
        refreshed = reputations_refresh_due()

    assert refreshed == 2  # Fred as freelancer and Clara as client; Olga's row is an hour old
    fred_row = Reputation.objects.get(user=fred, role="freelancer")
    # A year on, every weight halves: (21 + ⅛·2 + ¼·4 + ½·5) / (7 + ⅛ + ¼ + ½) = 24.75 / 7.875 = 3.1428… → 3.14
    assert (fred_row.score, fred_row.computed_at) == (Decimal("3.14"), year_later)
    assert Reputation.objects.get(user=olga).computed_at == year_later - timedelta(hours=1)
    with time_machine.travel(year_later + timedelta(hours=23), tick=False):
        assert reputations_refresh_due() == 0
    ledger_ok()


# ---- the stored aggregates that profiles, the API and search read ----------------------------------------


@pytest.mark.django_db
def test_the_platform_mean_is_stored_as_reviews_publish(now, ledger_ok):
    # Clients' overall ratings: Fred's 2, 4, 5 and Olga's 1 → 3.0; freelancers gave Clara four 5★ → 5.0
    assert PlatformMean.objects.get(role="freelancer").mean == pytest.approx(3.0)
    assert PlatformMean.objects.get(role="client").mean == pytest.approx(5.0)
    ledger_ok()


@pytest.mark.django_db
def test_a_reputation_is_read_from_its_stored_row_in_two_queries(fred, now, django_assert_num_queries, ledger_ok):
    with time_machine.travel(now, tick=False), django_assert_num_queries(2):  # the row and the platform mean
        summary = reputation_of(user=fred, role="freelancer")

    assert (summary.score, summary.reviews, summary.completed_contracts) == (3.26, 3, 4)
    ledger_ok()


@pytest.mark.django_db
def test_the_stored_score_decays_to_the_moment_it_is_read(fred, now, ledger_ok):
    with time_machine.travel(now + YEAR, tick=False):
        summary = reputation_of(user=fred, role="freelancer")

    assert summary.score == pytest.approx(3.14)  # as refreshed a year on, above: 24.75 / 7.875
    ledger_ok()


@pytest.mark.django_db
def test_rebuilding_stores_what_publishing_stored(clara, fred, now, ledger_ok):
    with time_machine.travel(now, tick=False):
        for person, role in ((fred, "freelancer"), (clara, "client")):
            reputation_refresh(user=person, role=role)  # the platform mean moved since Fred's last review
        fields = ["user", "role", "score", "reviews", "weight", "weighted_total", "overall_total", "criteria"]
        refreshed = list(Reputation.objects.order_by("user", "role").values(*fields))
        means = list(PlatformMean.objects.order_by("role").values("role", "reviews", "total"))

        assert reputations_rebuild() == 3  # Fred and Olga as freelancers, Clara as a client

    assert list(PlatformMean.objects.order_by("role").values("role", "reviews", "total")) == means
    rebuilt = {(row["user"], row["role"]): row for row in Reputation.objects.values(*fields)}
    for row in refreshed:
        again = rebuilt[row["user"], row["role"]]
        assert {k: v for k, v in again.items() if k not in ("weight", "weighted_total")} == {
            k: v for k, v in row.items() if k not in ("weight", "weighted_total")
        }
        assert (again["weight"], again["weighted_total"]) == pytest.approx((row["weight"], row["weighted_total"]))
    ledger_ok()


@pytest.mark.django_db
def test_a_row_stored_before_the_sums_is_read_from_the_reviews(fred, now, ledger_ok):
    Reputation.objects.filter(user=fred).update(half_life_months=None, weight=0, weighted_total=0)

    with time_machine.travel(now, tick=False):
        assert reputation_of(user=fred, role="freelancer").score == pytest.approx(3.26)
    ledger_ok()
