"""The wallet's history is written when it is shown, in the reader's language: the same card payment and
escrow funding read in French on the page and over the API, and in English for an English reader. The CSV export, for
spreadsheets and scripts, keeps the site's language."""

import csv
import io
from typing import Any

import pytest
from django.test import Client

from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db


def paid_and_funded(clara: Any, fred: Any, client_for: Any) -> None:
    """£800 paid in by card, then a milestone "Logo" funded from the wallet."""
    top_up(clara, 80_000)
    milestone = contract_between(clara, fred, 10_000).milestones.get()
    milestone.title = "Logo"
    milestone.save(update_fields=["title"])
    client_for(clara).post(f"/api/v1/milestones/{milestone.pk}/fund", content_type="application/json")


def test_a_french_reader_reads_the_history_in_french(clara, fred, client_for, ledger_ok):
    paid_and_funded(clara, fred, client_for)
    browser = client_for(clara)
    browser.defaults.update(HTTP_ACCEPT_LANGUAGE="fr")

    html = browser.get("/wallet").content.decode()
    rows = list(csv.DictReader(io.StringIO(b"".join(browser.get("/wallet/history.csv").streaming_content).decode())))

    assert "Paiement par carte de 800" in html and "financé sous séquestre" in html
    assert "Card payment of" not in html and "Funded" not in html
    assert {row["description"] for row in rows} >= {"Card payment of £800"}  # the export is in the site's language
    ledger_ok()


def test_the_api_writes_each_line_in_the_requesters_language(clara, fred, client_for, bearer, ledger_ok):
    paid_and_funded(clara, fred, client_for)

    def descriptions(language: str) -> list[str]:
        headers = bearer(clara) | {"Accept-Language": language}
        items = Client().get("/api/v1/wallet/transactions", headers=headers).json()["items"]
        return [item["description"] for item in items if item["kind"] in ("deposit", "fund")]

    assert set(descriptions("en")) == {"Card payment of £800", "Funded “Logo” in escrow"}
    german = descriptions("de")
    assert any(text.startswith("Kartenzahlung über 800") for text in german)
    assert not any("Card payment" in text or "Funded" in text for text in german)
    ledger_ok()
