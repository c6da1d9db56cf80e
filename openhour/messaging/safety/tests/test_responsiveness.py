"""Responsiveness: the median time from someone else's first message to the person's first reply, over
conversations opened in the last 90 days; unanswered ones count with the time they have waited so far."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.template.loader import render_to_string

from conftest import make_user
from openhour.messaging.models import Block, Responsiveness
from openhour.messaging.safety.responsiveness import (
    reply_minutes,
    responsiveness_phrase,
    responsiveness_refresh_due,
    responsiveness_update,
)
from openhour.messaging.safety.tests.kit import say

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
HOUR, DAY = 60, 24 * 60

PHRASES = [
    (None, 10, None),
    (30, 2, None),  # too few conversations to say anything
    (0, 3, "Usually replies within an hour"),
    (60, 3, "Usually replies within an hour"),
    (61, 3, "Usually replies within 3 hours"),
    (180, 40, "Usually replies within 3 hours"),
    (181, 3, "Usually replies within a day"),
    (1440, 3, "Usually replies within a day"),
    (1441, 3, "Usually replies within a few days"),
    (7 * DAY, 3, "Usually replies within a few days"),
    (7 * DAY + 1, 3, None),  # slower than a week: no promise at all
]


@pytest.mark.parametrize(("median", "sample", "phrase"), PHRASES)
def test_the_phrase_for_a_median(median, sample, phrase):
    assert responsiveness_phrase(median, sample) == phrase


@pytest.mark.parametrize(("median", "sample", "phrase"), PHRASES)
def test_the_badge_on_pages_says_the_same_as_the_phrase(median, sample, phrase):
    html = render_to_string(
        "messaging/safety/_responsiveness.html", {"record": Responsiveness(median_minutes=median, sample=sample)}
    )
    assert (phrase in html) if phrase else html.strip() == ""


def people(n: int):
    return [make_user(f"writer{i}", name=f"Writer {i}", client=True) for i in range(n)]


def exchange(fred, other, *, opened: datetime, reply_after: int | None) -> None:
    say(other, fred, "Are you available?", at=opened)
    say(other, fred, "Hello again?", at=opened + timedelta(minutes=1))  # only the first message counts
    if reply_after is not None:
        say(fred, other, "Yes", at=opened + timedelta(minutes=reply_after))
        say(fred, other, "Later note", at=opened + timedelta(minutes=reply_after + 500))


@pytest.mark.django_db
def test_the_median_of_first_replies(fred):
    a, b, c = people(3)
    exchange(fred, a, opened=NOW - timedelta(days=3), reply_after=10)
    exchange(fred, b, opened=NOW - timedelta(days=2), reply_after=45)
    exchange(fred, c, opened=NOW - timedelta(days=1), reply_after=5 * HOUR)

    with time_machine.travel(NOW, tick=False):
        record = responsiveness_update(user=fred)

    assert (record.median_minutes, record.sample) == (45, 3)
    assert Responsiveness.objects.get(user=fred).median_minutes == 45
    assert responsiveness_phrase(record.median_minutes, record.sample) == "Usually replies within an hour"


@pytest.mark.django_db
def test_conversations_he_opened_do_not_count_and_an_even_sample_takes_the_middle_two(fred):
    a, b, c = people(3)
    exchange(fred, a, opened=NOW - timedelta(days=3), reply_after=10)
    exchange(fred, b, opened=NOW - timedelta(days=2), reply_after=30)
    say(fred, c, "I saw your project", at=NOW - timedelta(days=1))  # Fred wrote first
    say(c, fred, "Thanks!", at=NOW - timedelta(hours=20))

    assert sorted(reply_minutes(user=fred, now=NOW)) == [10, 30]
    with time_machine.travel(NOW, tick=False):
        assert responsiveness_update(user=fred).median_minutes == 20


@pytest.mark.django_db
def test_only_conversations_opened_in_the_last_90_days_count(fred):
    old, edge, recent = people(3)
    exchange(fred, old, opened=NOW - timedelta(days=91), reply_after=10 * DAY)  # replied within the window: still out
    exchange(fred, edge, opened=NOW - timedelta(days=89), reply_after=60)
    exchange(fred, recent, opened=NOW - timedelta(days=1), reply_after=120)

    assert sorted(reply_minutes(user=fred, now=NOW)) == [60, 120]
    assert reply_minutes(user=fred, now=NOW + timedelta(days=2)) == [120]


@pytest.mark.django_db
def test_an_unanswered_message_counts_with_the_time_it_has_waited(fred):
    quick, slow, ignored = people(3)
    exchange(fred, quick, opened=NOW - timedelta(days=5), reply_after=10)
    exchange(fred, slow, opened=NOW - timedelta(days=5), reply_after=20)
    exchange(fred, ignored, opened=NOW - timedelta(days=3), reply_after=None)

    assert sorted(reply_minutes(user=fred, now=NOW)) == [10, 20, 3 * DAY]
    with time_machine.travel(NOW, tick=False):
        assert (responsiveness_update(user=fred).median_minutes, Responsiveness.objects.get().sample) == (20, 3)


@pytest.mark.django_db
def test_ignoring_most_messages_never_looks_quick(fred):
    quick, *ignored = people(3)
    exchange(fred, quick, opened=NOW - timedelta(days=5), reply_after=1)
    for person in ignored:
        exchange(fred, person, opened=NOW - timedelta(days=10), reply_after=None)

    with time_machine.travel(NOW, tick=False):
        record = responsiveness_update(user=fred)
    assert record.median_minutes == 10 * DAY and responsiveness_phrase(record.median_minutes, record.sample) is None


@pytest.mark.django_db
def test_people_he_blocked_are_left_out(fred):
    answered, spammer = people(2)
    exchange(fred, answered, opened=NOW - timedelta(days=1), reply_after=30)
    exchange(fred, spammer, opened=NOW - timedelta(days=1), reply_after=None)
    Block.objects.create(blocker=fred, blocked=spammer)

    assert reply_minutes(user=fred, now=NOW) == [30]


@pytest.mark.django_db
def test_the_periodic_round_refreshes_at_most_hourly_and_lets_old_records_lapse(fred, clara):
    exchange(fred, clara, opened=NOW - timedelta(days=1), reply_after=30)

    with time_machine.travel(NOW, tick=False):
        assert responsiveness_refresh_due() == 2  # both people in a recent conversation
        assert responsiveness_refresh_due() == 0  # fresh: nothing to do
    assert (Responsiveness.objects.get(user=fred).median_minutes, Responsiveness.objects.get(user=fred).sample) == (
        30,
        1,
    )
    assert Responsiveness.objects.get(user=clara).sample == 0  # she opened it: nothing to measure for her

    with time_machine.travel(NOW + timedelta(days=95), tick=False):
        assert responsiveness_refresh_due() == 1  # only Fred had something that could lapse
    record = Responsiveness.objects.get(user=fred)
    assert (record.median_minutes, record.sample) == (None, 0)
