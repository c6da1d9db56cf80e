"""A note the platform writes on a step ("The contract ended.") is kept in English and read in each reader's
language; a note a person wrote is shown as they wrote it."""

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_noop


def change_order_event(note: str) -> SimpleNamespace:
    return SimpleNamespace(action="lapse", note=note, by=None)


def test_the_platforms_note_reads_in_the_readers_language():
    event = change_order_event(gettext_noop("The contract ended."))

    with translation.override("fr"):
        french = render_to_string("contracts/change_orders/_event.html", {"event": event})
    with translation.override("de"):
        german = render_to_string("contracts/change_orders/_event.html", {"event": event})

    assert "Le contrat est terminé." in french and "Der Auftrag ist beendet." in german


def test_a_persons_own_note_is_shown_as_written_and_escaped():
    event = change_order_event("Merci <b>beaucoup</b>")

    with translation.override("de"):
        html = render_to_string("contracts/change_orders/_event.html", {"event": event})

    assert "Merci &lt;b&gt;beaucoup&lt;/b&gt;" in html
