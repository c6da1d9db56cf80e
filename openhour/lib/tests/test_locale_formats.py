"""Money, numbers and dates read as the reader's language writes them (Babel's own symbols and spaces):
English is unchanged, French writes `1 234,50 €` and `6 déc. 2026`, German `1.234,50 €` and `6. Dez. 2026`;
amounts typed in the reader's language, or with a dot, are read back the same."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from openhour.lib.i18n import read_by
from openhour.lib.money import format_money, format_number, parse_amount

NNBSP, NBSP = "\u202f", "\u00a0"  # French groups with a narrow no-break space; both put one before the symbol


@pytest.mark.parametrize(
    ("language", "amount", "currency", "shown"),
    [
        ("en", 123_450, "GBP", "£1,234.50"),
        ("en", 4_500, "GBP", "£45"),
        ("en", 120_000, "EUR", "€1,200"),
        ("en", -5, "USD", "-$0.05"),
        ("fr", 123_450, "EUR", f"1{NNBSP}234,50{NBSP}€"),
        ("fr", 4_500, "EUR", f"45{NBSP}€"),
        ("fr", 123_450, "GBP", f"1{NNBSP}234,50{NBSP}£GB"),
        ("fr", -4_500, "USD", f"-45{NBSP}$US"),
        ("de", 123_450, "EUR", f"1.234,50{NBSP}€"),
        ("de", 4_500, "GBP", f"45{NBSP}£"),
        ("de", -5, "EUR", f"-0,05{NBSP}€"),
    ],
)
def test_money_reads_as_the_language_writes_it(language, amount, currency, shown):
    with translation.override(language):
        assert format_money(amount, currency) == shown


def test_a_language_babel_does_not_know_writes_money_as_the_site_language():
    with translation.override("xx"):
        assert format_money(123_450, "GBP") == "£1,234.50"


@pytest.mark.parametrize(
    ("language", "count", "rating"), [("en", "1,234", "4.8"), ("fr", f"1{NNBSP}234", "4,8"), ("de", "1.234", "4,8")]
)
def test_counts_and_ratings_follow_the_language(language, count, rating):
    page = Template("{{ n|number }} {{ r|number:1 }} {{ whole|number:1 }} [{{ nothing|number }}]")
    with translation.override(language):
        assert format_number(1234) == count
        shown = page.render(Context({"n": 1234, "r": Decimal("4.75"), "whole": 4, "nothing": None}))
    assert shown == f"{count} {rating} {'4.0' if language == 'en' else '4,0'} []"


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("en", "6 Dec 2026", "6 Dec 2026, 14:30"),
        ("fr", "6 déc. 2026", "6 déc. 2026, 14:30"),
        ("de", "6. Dez. 2026", "6. Dez. 2026, 14:30"),
    ],
)
def test_dates_have_one_format_per_language(language, day, moment):
    when = datetime.datetime(2026, 12, 6, 14, 30)
    with translation.override(language):
        assert date_format(when) == day
        assert date_format(when, "DATETIME_FORMAT") == moment


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("fr", "1 234,50"),
        ("fr", f"1{NNBSP}234,50"),
        ("fr", "1234,5"),
        ("de", "1.234,50"),
        ("de", "1234,50"),
        ("en", "1,234.50"),
        ("fr", "1234.50"),  # the dot everyone types is read in every language
        ("de", "1234.50"),
    ],
)
def test_amounts_are_read_as_people_type_them(language, typed):
    field = forms.DecimalField(max_digits=12, decimal_places=2)
    with translation.override(language):
        assert parse_amount(typed) == Decimal("1234.50")
        assert field.clean(typed) == Decimal("1234.50")


@pytest.mark.parametrize(("language", "typed"), [("en", "12,5"), ("fr", "1,234.50"), ("de", "douze"), ("fr", "NaN")])
def test_an_amount_that_is_not_one_is_a_field_error(language, typed):
    field = forms.DecimalField(max_digits=12, decimal_places=2)
    with translation.override(language), pytest.raises(forms.ValidationError):
        field.clean(typed)


def test_what_is_written_for_a_person_is_in_their_language_and_time_zone():
    """An e-mail or notification rendered `read_by` its recipient shows their own clock, in their words."""
    reader = SimpleNamespace(language="fr", time_zone="Europe/Paris")
    moment = datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC)  # already the 7th in Paris
    page = Template("{{ when|date:'DATETIME_FORMAT' }} | {{ when|date }} | {{ when|day_and_time }}")
    with read_by(reader):
        shown = page.render(Context({"when": moment}))
    assert shown.startswith("7 déc. 2026, 00:30 | 7 déc. 2026 | 7 déc.") and shown.endswith("00:30")
    assert page.render(Context({"when": moment})) == "6 Dec 2026, 23:30 | 6 Dec 2026 | 6 Dec, 23:30"
