"""Paraphrases across French: the text's shape folds accents, elisions, French function words, plural and feminine
forms and French words of the trade to one, so a lightly reworded French copy keeps its shape; the meaning encoder
reads French sentences in an English gloss, so a story told in French, in English, or half in each, says the same
to it, while honest French reviews of other work stay apart. English sentences are never glossed."""

import pytest

from openhour.reviews.integrity.checks.french import gloss, in_english, is_french
from openhour.reviews.integrity.checks.sentence_model import encode
from openhour.reviews.integrity.checks.similarity_text import char_grams, normalised
from openhour.reviews.integrity.checks.similarity_text import similarity as shape_similarity
from openhour.reviews.integrity.thresholds import threshold

NAMES = ("Léa Martin", "Paul Roy")
TOLD_FR = (
    "Léa a traduit tout le catalogue de notre cave en anglais en dix jours. Les fiches des vins étaient précises et "
    "fidèles au ton de nos textes. Depuis la mise en ligne, nos ventes à l'étranger ont doublé."
)
TOLD_EN = (
    "Léa translated our whole wine cellar catalogue into English in ten days. The wine sheets were precise and "
    "true to the tone of our texts. Since it went live, our sales abroad have doubled."
)
HALF_AND_HALF = (
    "Léa a traduit tout le catalogue de notre cave en anglais en dix jours. The wine sheets were precise and true "
    "to the tone of our texts. Since it went live, our sales abroad have doubled."
)
REWORDED_FR = (  # the same sentences, lightly reworded: plurals, feminine forms, elisions and synonyms changed
    "Léa a traduit l'ensemble du catalogue de la cave en anglais en dix jours. La fiche de chaque vin était précise "
    "et fidèle au ton de notre texte. Depuis la mise en ligne, la vente à l'étranger a doublé."
)
HONEST_FR = (
    "Nous avons confié la comptabilité de l'association à Léa. Les documents étaient bien classés et le bilan a "
    "été rendu avant l'assemblée générale.",
    "Léa a retouché les photos de nos produits pour la boutique en ligne. Les fichiers étaient bien nommés et les "
    "couleurs fidèles aux originaux.",
    "Travail rapide sur le montage de notre vidéo de présentation. Léa a proposé une musique adaptée et les "
    "sous-titres étaient impeccables.",
)


def alike_in_words(first: str, second: str) -> float:
    return shape_similarity(char_grams(normalised(first, NAMES)), char_grams(normalised(second, NAMES)))


def alike_in_meaning(first: str, second: str) -> float:
    return float(encode(first) @ encode(second))


@pytest.mark.parametrize(
    ("sentence", "french"),
    [
        ("Le site est superbe et se charge vite sur téléphone.", True),
        ("Je recommande vivement.", True),
        ("Les explications étaient limpides et chaque livraison ponctuelle.", True),
        ("On time, on budget, me and my son loved it.", False),
        ("Great site, top work.", False),
        ("Our rebrand by Dev is gorgeous, especially the logo.", False),
    ],
)
def test_french_sentences_are_told_from_english_ones(sentence, french):
    assert is_french(sentence) is french


def test_a_french_sentence_is_glossed_in_english_words():
    assert gloss("Les explications étaient limpides et chaque livraison ponctuelle.") == (
        "the explanation were clear and each delivery punctual."
    )


def test_english_text_is_never_glossed():
    assert in_english(TOLD_EN) == TOLD_EN


def test_only_the_french_half_of_a_mixed_review_is_glossed():
    glossed = in_english(HALF_AND_HALF)
    assert glossed.endswith("Since it went live, our sales abroad have doubled.")
    assert "translate" in glossed and "catalogue" in glossed and "traduit" not in glossed


def test_accents_elisions_plurals_and_feminine_forms_fold_to_one_shape():
    assert normalised("Les fiches étaient précises, livrées à l'heure.") == normalised(
        "La fiche était précise, livrée à l'heure."
    )
    assert normalised("nos réservations") == normalised("la reservation") == ["booking"]


def test_a_lightly_reworded_french_copy_keeps_its_shape():
    assert alike_in_words(TOLD_FR, REWORDED_FR) >= threshold("DUPLICATE_THRESHOLD")


def test_the_story_in_french_english_or_half_of_each_reads_alike():
    least = threshold("MEANING_THRESHOLD")
    assert alike_in_meaning(TOLD_FR, TOLD_EN) >= least
    assert alike_in_meaning(TOLD_FR, HALF_AND_HALF) >= least
    assert alike_in_meaning(TOLD_EN, HALF_AND_HALF) >= least


@pytest.mark.parametrize("honest", HONEST_FR)
def test_honest_french_reviews_of_other_work_do_not_match(honest):
    for told in (TOLD_FR, TOLD_EN, HALF_AND_HALF, REWORDED_FR):
        assert alike_in_words(told, honest) < threshold("DUPLICATE_THRESHOLD")
        assert alike_in_meaning(told, honest) < threshold("MEANING_UNRELATED")


def test_honest_french_reviews_do_not_match_each_other():
    for n, first in enumerate(HONEST_FR):
        for second in HONEST_FR[n + 1 :]:
            assert alike_in_words(first, second) < threshold("DUPLICATE_THRESHOLD")
            assert alike_in_meaning(first, second) < threshold("MEANING_UNRELATED")
