"""The shape of a review's text, for the similarity check: what is left once case, accents, punctuation,
people's and companies' names, numbers, function words and synonyms are taken out, and how alike two shapes are.

    normalised   the text's words, accents folded and lower-cased; a capitalised word inside a sentence (a name:
                 "Priya", "Acme"), a word of the reviewer's or reviewee's name, and a number each become one mask
                 token; function words dropped; synonyms (EN/FR) folded to one word (`similarity_words`).
    similarity   the larger of the Jaccard similarity of the two shapes' character 5-grams and their containment
                 (shared over the smaller) scaled by CONTAINMENT_WEIGHT: a copy with a sentence added still
                 reads as a copy, while two texts that only share vocabulary do not.
    band keys    LSH of the shape's word pairs (MinHash, BANDS × ROWS permutations): two shapes share a key with
                 probability 1 − (1 − J^ROWS)^BANDS, about 0.95 at J = 0.5 and 0.005 at J = 0.05, so the index
                 returns the likely copies and few others.
    sentence keys one hash per sentence's shape (a sentence of SENTENCE_WORDS own words or more), kept in the same
                 index: a paraphrase retold by several accounts reuses whole sentences of the retelling in any
                 order, and how many reviews hold a sentence tells a copied one (a handful) from stock praise.
"""

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from openhour.reviews.integrity.checks.similarity_words import CANONICAL, GENERIC, STOPWORDS

BANDS = 24
ROWS = 3
CHAR_GRAM = 5
CONTAINMENT_WEIGHT = 0.85  # a shape contained whole in a longer one scores 0.85: queued, not held
NAME = "§name"
NUMBER = "§num"

_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?:;\n…]\s*$")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;…])\s+|\n+")
SENTENCE_WORDS = 4  # fewer own words is a stock phrase ("Great work, fast delivery") anyone may write
MAX_SENTENCES = 64


def fold(word: str) -> str:
    """Lower case without accents: "Très" → "tres"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stem(word: str) -> str:
    """Plural and feminine forms to one (English and French): "reviews" → "review", "livrées" → "livre"."""
    if word in CANONICAL or len(word) <= 4:
        return word
    for suffix in ("ies", "es", "s", "x", "e"):
        if word.endswith(suffix) and word[: -len(suffix)] in CANONICAL:
            return word[: -len(suffix)]
    if word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:-1] if word.endswith("ee") else word  # a French feminine participle: "expliquee" → "explique"


def _name_like(text: str, start: int, word: str) -> bool:
    """A capitalised word not opening a sentence: a person's, company's or product's name."""
    if not word[0].isupper() or len(word) < 2 or (word.isupper() and len(word) > 1 and not word.istitle()):
        return False
    return bool(text[:start].strip()) and not _SENTENCE_END.search(text[:start])


def normalised(text: str, names: Iterable[str] = ()) -> list[str]:
    """The text's shape as a list of words; `names` are the people involved (reviewer, reviewee)."""
    known = {fold(part) for name in names for part in _TOKEN.findall(name) if len(part) > 1}
    found = [(m.start(), m.group()) for m in _TOKEN.finditer(text)]
    known |= {fold(word) for start, word in found if _name_like(text, start, word)}
    shape: list[str] = []
    for _start, word in found:
        folded = fold(word)
        if folded in known:
            token = NAME
        elif folded.isdigit() or any(char.isdigit() for char in folded):
            token = NUMBER
        elif folded in STOPWORDS:
            continue
        else:
            stem = _stem(folded.replace("’", "'").split("'")[-1])
            token = CANONICAL.get(stem, stem)
            if token in STOPWORDS:
                continue
        if not (shape and shape[-1] == token and token in (NAME, NUMBER)):
            shape.append(token)
    return shape


def char_grams(shape: list[str]) -> set[str]:
    joined = " ".join(shape)
    return {joined[i : i + CHAR_GRAM] for i in range(max(1, len(joined) - CHAR_GRAM + 1))}


def word_pairs(shape: list[str]) -> set[str]:
    return {f"{shape[i]} {shape[i + 1]}" for i in range(len(shape) - 1)}


def similarity(first: set[str], second: set[str]) -> float:
    """Jaccard of two character-gram sets, or their weighted containment when that is larger."""
    if not first or not second:
        return 0.0
    shared = len(first & second)
    jaccard = shared / len(first | second)
    return round(max(jaccard, CONTAINMENT_WEIGHT * shared / min(len(first), len(second))), 3)


def own_words(shape: list[str]) -> set[str]:
    """The shape's words beyond names, numbers and the praise every review uses."""
    return {word for word in shape if word not in GENERIC and not word.startswith("§")}


def _key(data: bytes, person: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8, person=person).digest(), "big", signed=True)


def sentence_keys(text: str, names: Iterable[str] = ()) -> list[int]:
    """One key per distinct sentence long enough to be evidence, in the text's order."""
    keys: list[int] = []
    for sentence in _SENTENCE_SPLIT.split(text):
        shape = normalised(sentence, names)
        if len(own_words(shape)) >= SENTENCE_WORDS:
            key = _key(" ".join(shape).encode(), b"sentence")
            if key not in keys:
                keys.append(key)
    return keys[:MAX_SENTENCES]


def band_keys(shape: list[str]) -> list[int]:
    """The shape's LSH band keys: one signed 64-bit number per band (band number included), for the index."""
    pairs = word_pairs(shape)
    if not pairs:
        return []
    from datasketch import MinHash  # here, not at the top: datasketch pulls in scipy, a second of start-up

    signature = MinHash(num_perm=BANDS * ROWS, seed=17)
    signature.update_batch([pair.encode() for pair in pairs])
    values = signature.hashvalues
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8, key=bytes([band]))
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys
