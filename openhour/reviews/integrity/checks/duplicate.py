"""Near-duplicate text: a review whose words (went_well + could_improve) largely repeat another review's.

MinHash signatures (128 permutations) of word 3-shingles go into a MinHashLSH index at threshold 0.8; its
candidates are confirmed with the exact Jaccard similarity of the shingle sets (≥ 0.8). The index is built
from the stored reviews at check time, which is fine at this marketplace's scale (one text load per review,
with a size filter first); a larger site would keep the signatures in a persistent index instead.
"""

import re
from collections.abc import Mapping

from datasketch import MinHash, MinHashLSH

from openhour.reviews.integrity.checks import Finding
from openhour.reviews.models import Review

PERMUTATIONS = 128
THRESHOLD = 0.8
MIN_SHINGLES = 6  # stock phrases ("Clear, quick and friendly.") repeat honestly; 8+ words say something own
SAME_AUTHOR_SCORE = 0.4  # someone reusing their own words is lazy, not a fake: noted, not queued
EXCERPT = 300

_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """The text's overlapping runs of three words, lower-cased, punctuation ignored."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def jaccard(first: set[str], second: set[str]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def _signature(shingle_set: set[str]) -> MinHash:
    signature = MinHash(num_perm=PERMUTATIONS, seed=1)
    signature.update_batch([shingle.encode() for shingle in shingle_set])
    return signature


def near_duplicates(text: str, others: Mapping[int, str]) -> list[tuple[int, float]]:
    """(key, Jaccard) of every text in `others` that nearly repeats `text`, most similar first."""
    mine = shingles(text)
    if len(mine) < MIN_SHINGLES:
        return []
    # Jaccard ≥ t needs the smaller set to be at least t of the larger: skip the rest before hashing.
    low, high = THRESHOLD * len(mine), len(mine) / THRESHOLD
    index = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
    sets: dict[int, set[str]] = {}
    for key, other in others.items():
        theirs = shingles(other)
        if len(theirs) >= MIN_SHINGLES and low <= len(theirs) <= high:
            sets[key] = theirs
            index.insert(key, _signature(theirs))
    confirmed = [(key, round(jaccard(mine, sets[key]), 3)) for key in index.query(_signature(mine))]
    return sorted((pair for pair in confirmed if pair[1] >= THRESHOLD), key=lambda pair: (-pair[1], pair[0]))


def review_text(went_well: str, could_improve: str) -> str:
    return f"{went_well}\n{could_improve}".strip()


def check(review: Review) -> Finding | None:
    rows = Review.objects.exclude(pk=review.pk).values_list("pk", "author_id", "went_well", "could_improve")
    authors: dict[int, int] = {}
    texts: dict[int, str] = {}
    for pk, author_id, went_well, could_improve in rows:
        authors[pk], texts[pk] = author_id, review_text(went_well, could_improve)
    text = review_text(review.went_well, review.could_improve)
    found = near_duplicates(text, texts)
    if not found:
        return None
    matches = [{"review": pk, "jaccard": score, "same_author": authors[pk] == review.author_id} for pk, score in found]
    others = [match["jaccard"] for match in matches if not match["same_author"]]
    best = max(others, default=0.0)
    evidence = {"matches": matches, "best_jaccard": best, "text": text[:EXCERPT]}
    return (best if others else SAME_AUTHOR_SCORE), evidence
