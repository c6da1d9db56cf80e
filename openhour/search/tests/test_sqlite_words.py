"""SQLite's tokenizer, `porter unicode61 remove_diacritics 2`, measured on French and German words: Porter's
English stemmer still takes the plural and some endings off them, so it finds more forms than the tokenizer
without it, never a form that one misses, and never the wrong document."""

import sqlite3

import pytest
from django.db import connection

pytestmark = [pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")]

OURS = "porter unicode61 remove_diacritics 2"
WITHOUT_PORTER = "unicode61 remove_diacritics 2"
TEXTS = [
    "Développeur Django pour une boutique en ligne",
    "Übersetzung technischer Handbücher",
    "Nous vendons des céramiques faites à la main",
    "Rédactrice et traductrice",
    "Logo pour une boulangerie",
    "Präsentationen für Vorträge",
    "Entwicklung einer Webanwendung",
    "Créations graphiques pour les réseaux sociaux",
]
FORMS = [
    *("developpeurs", "développeur", "boutiques", "ceramique", "céramiques", "redactrices", "traducteur"),
    *("boulanger", "boulangeries", "création", "graphique", "reseau", "réseaux", "sociales"),
    *("handbuch", "handbucher", "ubersetzungen", "übersetzung", "präsentation", "vortrag", "entwicklungen"),
]


def hits(tokenizer: str) -> dict[str, list[str]]:
    """The texts each form finds, with a table tokenized this way."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize='{tokenizer}')")
    db.executemany("INSERT INTO t VALUES (?)", [(text,) for text in TEXTS])
    found = {form: db.execute("SELECT text FROM t WHERE t MATCH ?", (f'"{form}"',)).fetchall() for form in FORMS}
    return {form: [row[0] for row in rows] for form, rows in found.items()}


@pytest.mark.django_db
def test_our_tokenizer_is_the_one_the_search_table_uses():
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
        assert f"tokenize='{OURS}'" in cursor.fetchone()[0]


def test_porter_finds_more_french_and_german_forms_and_never_the_wrong_text():
    with_porter, without = hits(OURS), hits(WITHOUT_PORTER)

    assert all(found == with_porter[form] for form, found in without.items() if found)  # it loses nothing
    assert all(len(found) <= 1 for found in with_porter.values())  # it mixes no two texts up
    found_forms = sum(bool(found) for found in with_porter.values())
    assert (found_forms, sum(bool(found) for found in without.values())) == (14, 5)
    assert with_porter["developpeurs"] == with_porter["boutiques"] == [TEXTS[0]]
    assert with_porter["handbuch"] == [TEXTS[1]]
