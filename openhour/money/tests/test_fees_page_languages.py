"""The fees page states its rates as the reader writes numbers: 7.5 in English, 7,5 in French and German."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def rates_in_the_tier_table(language: str) -> list[str]:
    text = Client().get("/fees", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    head = re.search(r"<thead>(.*?)</thead>", text, re.S)
    assert head
    return re.findall(r"(\d+(?:[.,]\d+)?)\s?%", head[1])


@pytest.mark.parametrize(("language", "rates"), [("en", ["20", "7.5", "3.5"]), ("fr", ["20", "7,5", "3,5"])])
def test_the_tier_rates_are_written_as_the_reader_writes_numbers(language, rates):
    assert rates_in_the_tier_table(language) == rates


def test_german_writes_the_decimal_comma_too():
    assert rates_in_the_tier_table("de") == ["20", "7,5", "3,5"]
