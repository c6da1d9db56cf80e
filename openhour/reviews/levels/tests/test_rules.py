"""The published rules, at their boundaries: one step either side of every threshold decides the level."""

from dataclasses import replace
from itertools import pairwise

import pytest

from openhour.reviews.levels.rules import (
    BY_CODE,
    CRITERIA,
    LEVELS,
    Metrics,
    level_for,
    next_level,
    reason_text,
    shortfall,
)

# Exactly at every threshold of each level: the least a freelancer needs.
RISING = Metrics(completed=1, reviews=1, score=4.0, milestones_due=5, milestones_on_time=4)
TOP = Metrics(
    completed=10,
    reviews=5,
    score=4.5,
    milestones_due=10,
    milestones_on_time=9,
    reply_minutes=24 * 60,
    reply_sample=3,
    account_days=90,
)
PLUS = Metrics(
    completed=25,
    reviews=15,
    score=4.7,
    milestones_due=20,
    milestones_on_time=19,
    reply_minutes=3 * 60,
    reply_sample=3,
    account_days=365,
)


def code(metrics: Metrics) -> str:
    level = level_for(metrics)
    return level.code if level else ""


def test_exactly_at_each_threshold_earns_the_level():
    assert code(RISING) == "rising_talent"
    assert code(TOP) == "top_rated"
    assert code(PLUS) == "top_rated_plus"
    assert code(Metrics()) == ""  # a new freelancer holds nothing


@pytest.mark.parametrize(
    ("below", "reason"),
    [
        ({"completed": 0}, "completed"),
        ({"reviews": 0, "score": None}, "reviews"),
        ({"score": 3.99}, "score"),
        ({"milestones_on_time": 3}, "on_time"),  # 3 of 5: 60%
        ({"milestones_due": 21, "milestones_on_time": 16}, "on_time"),  # 76.2%, just under 80
        ({"disputes_lost": 1}, "disputes_lost"),
        ({"sanctioned": True}, "no_sanction"),
    ],
)
def test_one_step_below_rising_talent_holds_nothing(below, reason):
    missed = replace(RISING, **below)
    assert code(missed) == ""
    assert reason in [row["criterion"] for row in shortfall("rising_talent", missed)]


@pytest.mark.parametrize(
    ("below", "reason"),
    [
        ({"completed": 9}, "completed"),
        ({"reviews": 4}, "reviews"),
        ({"score": 4.49}, "score"),
        ({"milestones_due": 11, "milestones_on_time": 9}, "on_time"),  # 81.8%
        ({"reply_minutes": 24 * 60 + 1}, "response"),
        ({"account_days": 89}, "account_age"),
    ],
)
def test_one_step_below_top_rated_falls_back_to_rising_talent(below, reason):
    missed = replace(TOP, **below)
    assert code(missed) == "rising_talent"
    assert [row["criterion"] for row in shortfall("top_rated", missed)] == [reason]


@pytest.mark.parametrize(
    "below",
    [
        {"completed": 24},
        {"reviews": 14},
        {"score": 4.69},
        {"milestones_on_time": 18},
        {"reply_minutes": 181},
        {"account_days": 364},
    ],
)
def test_one_step_below_top_rated_plus_keeps_top_rated(below):
    assert code(replace(PLUS, **below)) == "top_rated"


def test_a_sanction_in_force_blocks_every_level_however_good_the_record():
    assert code(replace(PLUS, sanctioned=True)) == ""
    assert all("no_sanction" in dict(level.thresholds) for level in LEVELS)


def test_nothing_to_measure_yet_meets_on_time_and_response_but_never_the_score():
    quiet = replace(TOP, milestones_due=0, milestones_on_time=0, reply_minutes=None, reply_sample=0)
    assert code(quiet) == "top_rated"
    few_conversations = replace(TOP, reply_minutes=10_000, reply_sample=2)  # too few to measure: as on profiles
    assert code(few_conversations) == "top_rated"
    assert code(replace(RISING, score=None)) == ""  # no published score: no level


def test_each_level_asks_at_least_as_much_as_the_one_below():
    for lower, higher in pairwise(LEVELS):
        lower_thresholds, higher_thresholds = dict(lower.thresholds), dict(higher.thresholds)
        for criterion, threshold in lower_thresholds.items():
            stricter = higher_thresholds[criterion]
            assert stricter >= threshold if CRITERIA[criterion].at_least else stricter <= threshold


def test_a_lost_level_is_explained_in_the_published_words():
    late = replace(TOP, milestones_due=20, milestones_on_time=17)  # 85%
    reasons = shortfall("top_rated", late)
    assert reasons == [{"criterion": "on_time", "threshold": 90, "value": 85.0}]
    assert reason_text(reasons[0]) == "On-time delivery fell below 90% (85%)"
    assert reason_text({"criterion": "gone"}) == ""  # a criterion since retired says nothing rather than fail


def test_the_next_level_up():
    assert next_level("") == BY_CODE["rising_talent"]
    assert next_level("rising_talent") == BY_CODE["top_rated"]
    assert next_level("top_rated_plus") is None


def test_the_page_sentence_carries_the_threshold():
    assert CRITERIA["on_time"].sentence(90).startswith("At least 90% of milestones")
    assert CRITERIA["score"].sentence(4.5).startswith("A reputation score of at least 4.5 out of 5")
    assert CRITERIA["response"].standing(None) == "nothing to measure yet"
