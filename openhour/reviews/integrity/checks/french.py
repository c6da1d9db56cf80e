"""French in reviews, for the checks that read meaning: which sentences are French, and an English gloss of them
(word by word, from a glossary of the words reviews of freelance work use), so that the English sentence encoder
(`sentence_model`) compares a French retelling with its other wordings, and a review written half in each language
with either, by what they say rather than by how French they sound. Read to the encoder, two unrelated French
texts score nearly as high as two wordings of one story, because their shared function words are most of what it
recognises; glossed, they score like English ones.

The glossary is of the trade's common words (work, delivery, deadlines, quality, praise, the things made), not of
any one review's; a word it lacks is kept as written, accents folded, and French function words are dropped."""

import re
import unicodedata

from openhour.reviews.integrity.checks.french_glossary import FUNCTION_WORDS, GLOSSARY

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\S")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;…])\s+|\n+")
_ELISION = re.compile(r"^(?:[ldjmntsc]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
ENDINGS = ("aient", "ait", "ant", "ons", "ez", "ees", "ee", "es", "er", "e", "s", "x", "t")
FRENCH_SHARE = 0.2  # of a sentence's words that are French function words: from here it is French
_ENGLISH = "the and of to is was were we our with for it this that my me you they on in at be are has have had but"
ENGLISH_MARKS = frozenset(f"{_ENGLISH} not so by from an i all very".split())
# French function words that are English words too ("on time", "my son", "a car") tell nothing about the language.
FRENCH_MARKS = FUNCTION_WORDS - {
    "on",
    "me",
    "son",
    "ma",
    "as",
    "car",
    "plus",
    "ce",
    "ni",
    "sa",
    "te",
    "ton",
    "ta",
    "tu",
}


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_SPLIT.split(text) if part.strip()]


def is_french(sentence: str) -> bool:
    """More French function words than English ones, and enough of them: "Le site est superbe." is French, "Great
    site, top work." is not (too few words of either), "Je recommande vivement." is."""
    words = [fold(_ELISION.sub("", word)) for word in _WORD.findall(sentence) if word[0].isalpha()]
    if not words:
        return False
    elided = sum(1 for word in _WORD.findall(sentence) if _ELISION.match(word))
    french = sum(1 for word in words if word in FRENCH_MARKS) + elided
    english = sum(1 for word in words if word in ENGLISH_MARKS)
    accented = any(fold(word) != word.casefold() for word in _WORD.findall(sentence))
    return french > english and (french / len(words) >= FRENCH_SHARE or accented)


def _glossed_word(word: str) -> str:
    if not word[0].isalpha():
        return word
    bare = _ELISION.sub("", word)
    folded = fold(bare)
    if folded in GLOSSARY:
        return GLOSSARY[folded]
    if folded in FUNCTION_WORDS:
        return ""
    for ending in ENDINGS:  # plural, feminine and verb forms found through the glossary's own form
        if folded.endswith(ending) and len(folded) > len(ending) + 2:
            base = folded[: -len(ending)]
            for stem in (base, base + "er", base + "e", base + "re", base + "ir"):
                if stem in GLOSSARY:
                    return GLOSSARY[stem]
    return bare if bare[0].isupper() else folded  # a name stays a name


def gloss(sentence: str) -> str:
    """A French sentence in English words: "Le site est superbe et rapide." → "The site is superb and fast."."""
    glossed = [_glossed_word(word) for word in _WORD.findall(sentence)]
    text = " ".join(word for word in glossed if word)
    return re.sub(r"\s+([.,!?;:…])", r"\1", text)


def in_english(text: str) -> str:
    """The text with each French sentence glossed into English, English sentences as written."""
    if not any(is_french(sentence) for sentence in sentences(text)):
        return text
    return " ".join(gloss(sentence) if is_french(sentence) else sentence for sentence in sentences(text))
