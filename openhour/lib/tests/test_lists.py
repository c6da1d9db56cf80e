"""A list in a sentence is joined the way the reader's language joins one, never with an English "and"."""

import pytest
from django.utils import translation

from openhour.lib.lists import and_list


@pytest.mark.parametrize(
    ("language", "two", "three"),
    [
        ("en", "7 and 13", "Quality, Speed, and Care"),
        ("fr", "7 et 13", "Quality, Speed et Care"),
        ("de", "7 und 13", "Quality, Speed und Care"),
    ],
)
def test_a_list_reads_as_its_language_joins_one(language, two, three):
    with translation.override(language):
        assert and_list([7, 13]) == two
        assert and_list(["Quality", "Speed", "Care"]) == three
        assert and_list([7]) == "7"
        assert and_list([]) == ""


def test_a_language_babel_does_not_know_reads_as_english():
    with translation.override("xx"):
        assert and_list([7, 13]) == "7 and 13"
