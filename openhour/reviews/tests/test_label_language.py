"""A review's "Verified contract" label keeps its bands as facts and words them in the reader's language: the
same review reads "£250–£1,000" and "less than a week" in English, French money and words in French. A review
written before the facts were kept shows the words it was stored with."""

from typing import Any

import pytest
from django.utils import translation

from openhour.reviews.models import Review
from openhour.reviews.tests.kit import body, finished
from openhour.reviews.tests.test_pages_reply import published

pytestmark = pytest.mark.django_db
NNBSP, NBSP = "\u202f", "\u00a0"


def test_the_label_is_worded_when_read_in_each_language(clara: Any, fred: Any, ledger_ok: Any) -> None:
    review = published(clara, fred)  # £300 released over a few minutes

    with translation.override("fr"):
        french = (review.budget_band, review.duration_band)
    with translation.override("de"):
        german = (review.budget_band, review.duration_band)

    assert (review.budget_band, review.duration_band) == ("£250–£1,000", "less than a week")
    assert french == (f"250{NBSP}£GB–1{NNBSP}000{NBSP}£GB", "moins d'une semaine")  # as French writes pounds
    assert german[0] == f"250{NBSP}£–1.000{NBSP}£" and german[1] != "less than a week"
    ledger_ok()


def test_a_french_reader_sees_the_label_in_french_on_the_review_page(clara, fred, client, ledger_ok):
    review = published(clara, fred)

    html = client.get(f"/reviews/{review.pk}", headers={"Accept-Language": "fr"}).content.decode()

    assert "Durée moins d&#x27;une semaine" in html or "Durée moins d'une semaine" in html
    assert "£250–£1,000" not in html and "less than a week" not in html
    ledger_ok()


def test_the_top_band_reads_over_its_floor(clara, fred, ledger_ok):
    contract = finished(clara, fred, 600_000)  # £6,000
    from openhour.reviews.services.reviews import review_submit

    review = review_submit(contract_id=contract.pk, by=clara, data=body("client"))

    assert (review.budget_floor, review.budget_ceiling, review.budget_currency) == (500_000, None, "GBP")
    with translation.override("fr"):
        assert review.budget_band == f"plus de 5{NNBSP}000{NBSP}£GB"
    ledger_ok()


def test_a_review_stored_as_words_still_shows_them(clara, fred, ledger_ok):
    review = published(clara, fred)
    Review.objects.filter(pk=review.pk).update(
        budget_floor=None, budget_currency="", duration_code="", budget_band_written="£250–£1,000",
        duration_band_written="less than a week",
    )  # fmt: skip
    review.refresh_from_db()

    with translation.override("fr"):
        assert (review.budget_band, review.duration_band) == ("£250–£1,000", "less than a week")
    ledger_ok()
