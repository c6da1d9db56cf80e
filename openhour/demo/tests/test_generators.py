"""The generators are seeded: a seed plays the same people, prices and words again, another seed plays others;
and the audit's arithmetic on a small case worked out by hand."""

import pytest

from openhour.demo.manipulation import words
from openhour.demo.manipulation.audit import Outcome, summary
from openhour.demo.manipulation.generate import generate
from openhour.demo.manipulation.play import World

pytestmark = pytest.mark.django_db

MOVES = dict(red=("sockpuppets", "offer"), good=("colleagues",))


def _played(seed: int, tag: str) -> list[tuple[object, ...]]:
    """What a seed wrote, as anyone reading the site would see it (tagged apart from other runs in this
    database: the same draws, other e-mail addresses)."""
    planted = generate(seed, tag=tag, **MOVES)
    return [
        (move, scenario, r.author.name, r.subject.name, r.overall, r.went_well, r.contract.milestones.get().amount)
        for r, scenario, move in planted
    ]


def test_a_seed_plays_the_same_again_and_another_seed_plays_otherwise(labels_file):
    first = _played(21, "a")
    labels_file.unlink()
    again = _played(21, "b")
    other = _played(22, "a")

    assert first == again
    assert first != other
    assert {row[0] for row in first} == {"sockpuppets", "offer", "colleagues"}
    assert len({row[5] for row in first}) > len(first) // 2  # words drawn per review, not one text for all


def _o(move: str, manipulated: bool, stars: int, decision: str, caught: bool, seed: int = 1) -> Outcome:
    return Outcome(move=move, manipulated=manipulated, stars=stars, decision=decision, caught=caught, seed=seed)


def test_the_audit_counts_a_small_case_as_worked_out_by_hand():
    found = [
        _o("ring", True, 5, "hold", True),
        _o("ring", True, 5, "publish", False),
        _o("ring", True, 5, "queue", True, seed=2),
        _o("offer", True, 5, "publish", True),  # a strong signal alone counts as caught
        _o("harsh_fair", False, 1, "publish", False),
        _o("harsh_fair", False, 2, "queue", True),
        _o("popular", False, 5, "publish", False),
        _o("popular", False, 4, "publish", False),
        _o("popular", False, 5, "hold", True, seed=2),
        _o("demo", False, 3, "publish", False),
    ]
    result = summary(found)
    overall = result.overall
    assert (overall.manipulated, overall.caught, overall.flagged) == (4, 3, 5)
    assert overall.recall == 0.75 and overall.precision == 0.6
    assert (overall.honest, overall.queued, overall.held) == (6, 1, 1)
    assert (overall.low, overall.low_published, overall.high, overall.high_published) == (2, 1, 3, 2)
    assert overall.gap_points == round(100 * (2 / 3 - 1 / 2), 1) == 16.7
    by_move = {row.name: row for row in result.moves}
    assert [row.name for row in result.moves] == ["offer", "ring", "demo", "harsh_fair", "popular"]
    assert by_move["ring"].recall == 2 / 3 and by_move["offer"].recall == 1
    assert by_move["popular"].held_share == 1 / 3 and by_move["demo"].gap_points is None
    assert [(row.name, row.manipulated, row.honest) for row in result.seeds] == [("seed 1", 3, 5), ("seed 2", 1, 1)]


@pytest.mark.parametrize("seed", [3, 58, 907])
def test_no_two_honest_originals_tell_one_story_until_every_story_is_told(seed):
    world = World(seed)
    told = [world.fresh("story", words.STORIES) for _n in range(len(words.STORIES) + 1)]
    assert len({id(story) for story in told[:-1]}) == len(words.STORIES)
    assert told[-1] in words.STORIES
