"""A case's history names its steps' reasons in the reader's language, whatever language the person who acted
read in: a report made in German reads in French to a French operator, the reporter's own words untouched."""

import html

import pytest
from django.utils import translation

from openhour.catalog.tests.catalogue_kit import catalogue
from openhour.reviews.integrity.templatetags.moderation_words import signal_kind
from openhour.reviews.integrity.tests.moderation_kit import decided, flagged, published

pytestmark = pytest.mark.django_db

GERMAN = {"Offensive": "Beleidigend", "Flagged by a person": "Von einer Person gemeldet", "Keep": "Behalten"}
FRENCH = {
    "Offensive": "Injurieux",
    "Flagged by a person": "Signalé par une personne",
    "Keep": "Conserver",
    "Near-duplicate text": "Texte quasi identique",
}


@pytest.fixture
def translated(tmp_path, settings):
    catalogue(tmp_path, settings, context=None, de=GERMAN, fr=FRENCH)


def reading(person, language: str) -> None:
    person.language = language
    person.save(update_fields=["language"])


def test_a_report_made_in_german_reads_in_french_to_a_french_operator(
    translated, clara, fred, olga, operator, client_for, ledger_ok
):
    with translation.override("de"):  # Olga reads the site in German when she reports
        case = flagged(published(clara, fred), olga, text="Beleidigende Worte über den Freelancer.")
    assert case.events.get(action="flag").note == "Beleidigend: Beleidigende Worte über den Freelancer."
    reading(operator, "fr")

    page = html.unescape(client_for(operator).get(f"/operations/moderation/{case.pk}").content.decode())

    assert "Injurieux: Beleidigende Worte über den Freelancer." in page  # her words stay hers
    assert "Signalé par une personne" in page and "Von einer Person gemeldet" not in page
    ledger_ok()


def test_the_moderation_log_reads_an_english_decision_in_german(
    translated, clara, fred, olga, operator, client_for, ledger_ok
):
    case = flagged(published(clara, fred), olga)
    decided(case, operator, outcome="keep", reason="Honest if harsh.")
    reading(operator, "de")

    log = html.unescape(client_for(operator).get("/operations/moderation/log").content.decode())

    assert "Behalten: Honest if harsh." in log and "Beleidigend: Insulting wording." in log
    ledger_ok()


def test_a_kind_of_signal_is_named_when_read(translated):
    with translation.override("fr"):
        assert signal_kind("duplicate") == "Texte quasi identique"
    assert signal_kind("duplicate") == "Near-duplicate text"
    assert signal_kind("retired_kind") == "retired_kind"  # evidence from an older release still reads
