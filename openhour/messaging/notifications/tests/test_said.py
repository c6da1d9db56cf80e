"""A stored sentence is plain JSON and is put into words only when read: dates in the reader's time zone (or the
one the sentence names), counts in the right plural, labels of ours in the reader's language; a damaged one reads
as nothing rather than breaking the page."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from openhour.messaging.notifications.said import Moment, said, said_plural, words, words_of_lines


def read(sentence, *, language: str = "en", zone: str = "UTC") -> str:
    stored = json.loads(json.dumps(sentence.as_json()))  # as it comes back from the database
    with translation.override(language), timezone.override(zone):
        return words(stored)


def test_a_moment_is_written_in_the_readers_time_zone_unless_the_sentence_names_one():
    evening = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
    due = said("Due %(when)s", when=Moment(evening))
    fixed = said("Due %(when)s", when=Moment(evening, zone="UTC", named=True))

    assert read(due) == "Due 6 Dec 2026, 23:30"
    assert read(due, zone="Europe/Berlin") == "Due 7 Dec 2026, 00:30"
    assert read(fixed, zone="Europe/Berlin") == "Due 6 Dec 2026, 23:30 UTC"
    assert read(said("On %(day)s", day=date(2026, 12, 6))) == "On 6 Dec 2026"


def test_a_decimal_is_written_as_the_reader_writes_numbers():
    for minutes, english, french in ((90, "1.5", "1,5"), (600, "10", "10"), (45, "0.75", "0,75")):
        hours = said("%(hours)s hours were logged.", hours=(Decimal(minutes) / 60).normalize())
        assert read(hours) == f"{english} hours were logged."
        assert read(hours, language="fr") == f"{french} hours were logged."


def test_a_count_picks_its_plural_when_read():
    def unread(n: int) -> str:
        return ngettext("%(count)d unread message from %(names)s", "%(count)d unread messages from %(names)s", n)

    assert read(said_plural(unread, 1, names="Fred")) == "1 unread message from Fred"
    assert read(said_plural(unread, 3, names="Fred")) == "3 unread messages from Fred"


def test_a_label_of_ours_inside_a_sentence_is_kept_as_its_source():
    sentence = said(gettext_noop("Rule: %(rule)s"), rule=gettext_lazy("Offensive"))

    assert sentence.as_json() == ["Rule: %(rule)s", {"rule": {"said": ["Offensive", {}]}}]
    with translation.override("de"):  # made by someone reading German: still stored as the source
        assert said(gettext_lazy("Offensive")).msgid == "Offensive"


def test_a_damaged_sentence_reads_as_nothing():
    assert words(["Hello %(name)s", {}]) == "Hello %(name)s"
    assert words(["Hello %(name)s", {"other": 1}]) == ""
    assert words("not a sentence") == ""
    assert words_of_lines([["First", {}], None, ["Second", {}]]) == "First\nSecond"
