"""An invoice reads in the language of the person who downloads it, as a page does: its PDF says which language it
is in, and its words are that language's, whatever language the other party reads in.

Our catalogues are filled elsewhere, so a small French one is compiled here with two of the invoice's words."""

import re
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.utils import translation

from openhour.money.invoice_pdf import invoice_html
from openhour.money.models import Invoice
from openhour.money.services import invoices
from openhour.money.tests.kit import contract_between, top_up
from openhour.tests.small_catalogue import use_catalogues

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _french(tmp_path: Path, settings) -> None:
    use_catalogues(settings, tmp_path, {"fr": {"Receipt": "Reçu", "Number": "Numéro"}})


@pytest.fixture
def receipt(clara, fred, client_for) -> Invoice:
    """Clara funded a milestone: her receipt, numbered by the worker."""
    with time_machine.travel(datetime(2026, 11, 21, 9, 0, tzinfo=UTC), tick=False):
        contract = contract_between(clara, fred, 10_000)
        top_up(clara, 10_500)
        (milestone,) = contract.milestones.all()
        assert (
            client_for(clara)
            .post(f"/api/v1/milestones/{milestone.pk}/fund", {}, content_type="application/json")
            .status_code
            == 200
        )
        invoices.invoices_number_due()
    return Invoice.objects.get()


def pdf_facts(pdf: bytes) -> str:
    """The PDF's catalogue and metadata (its language, title and subject), from its compressed objects."""
    found = []
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue  # an image or a font
    text = b"\n".join(found).decode("latin-1")
    subjects = re.findall(r"/Subject <feff([0-9a-f]+)>", text)
    return text + "".join(bytes.fromhex(hexed).decode("utf-16-be") for hexed in subjects)


def test_a_french_client_downloads_her_receipt_in_french(clara, client_for, receipt):
    clara.language = "fr"
    clara.save(update_fields=["language"])

    with translation.override("en"):  # the language of whoever made the invoice does not matter
        response = client_for(clara).get(f"/wallet/invoices/{receipt.pk}.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    facts = pdf_facts(response.content)
    assert "/Lang (fr)" in facts and f"Reçu {receipt.number}" in facts
    html = invoice_html(receipt, reader=clara)
    assert "Numéro" in html and 'lang="fr"' in html


def test_the_same_receipt_in_english_for_someone_reading_english(clara, client_for, receipt):
    response = client_for(clara).get(f"/api/v1/invoices/{receipt.pk}.pdf")

    facts = pdf_facts(response.content)
    assert "/Lang (en)" in facts and "Reçu" not in facts
    assert "Numéro" not in invoice_html(receipt, reader=clara)


def test_the_freelancer_cannot_download_the_clients_receipt(fred, client_for, receipt):
    fred.language = "fr"
    fred.save(update_fields=["language"])

    assert client_for(fred).get(f"/wallet/invoices/{receipt.pk}.pdf").status_code == 404
