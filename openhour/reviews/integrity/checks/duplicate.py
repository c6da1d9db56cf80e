"""Near-duplicate text: a review whose text (went_well + could_improve) has the shape of another review's, once
case, accents, punctuation, names, numbers, function words and synonyms are set aside (`similarity_text`).

The new review's LSH band keys are stored in the similarity index (`integrity.similarity`) and the reviews
sharing a key with it (at most INTEGRITY_DUPLICATE_CANDIDATES, those sharing most bands first) are read through
the key index; each is confirmed by the similarity of the two shapes' character 5-grams (Jaccard, or 0.85 ×
containment for a copy with a sentence added), at INTEGRITY_DUPLICATE_THRESHOLD (0.6) or more, or as a retelling:
INTEGRITY_DUPLICATE_SHARED_SENTENCES (2) or more whole sentences in common, in any order, each held by no more than
INTEGRITY_DUPLICATE_SENTENCE_REVIEWS (4) reviews in all. A sentence many reviews hold is stock praise; one that a
handful of accounts share was passed around, unless the two texts tell different stories (their meaning, see
`meaning`, under INTEGRITY_MEANING_UNRELATED): then the sentences are stock phrases and the match is dropped. The
other authors' reviews of the same person that say what this one says in other words (meaning at least
INTEGRITY_MEANING_THRESHOLD) are matches too: one story retold to one profile, queued with the earlier ones.
A shape with fewer than INTEGRITY_DUPLICATE_MIN_WORDS (4) distinct words of its own (not names, numbers, nor the
praise words of `similarity_words.GENERIC`) is never compared: stock phrases ("Great work, fast delivery, clear
communication, would hire again") repeat honestly.

Scores: the best similarity to another author's review (0.6–1; ≥ 0.9 is held as a clear fake), a retelling at
least INTEGRITY_DUPLICATE_RETOLD_SCORE (0.75, queued); a copy of one's
own review only SAME_AUTHOR_SCORE. One template across profiles is a cluster: when the matches that also read alike
among themselves are about two or more other people, or written by two or more other accounts, the finding scores
INTEGRITY_DUPLICATE_CLUSTER_SCORE (0.95) and lists every review of the cluster under `reviews`, so each of them gets
the signal. Reviews that each share a different few sentences with this one are no template.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from openhour.reviews.integrity import similarity as index
from openhour.reviews.integrity.checks import Evidence, Finding
from openhour.reviews.integrity.checks.similarity_text import (
    band_keys,
    char_grams,
    normalised,
    own_words,
    sentence_keys,
)
from openhour.reviews.integrity.checks.similarity_text import similarity as shape_similarity
from openhour.reviews.integrity.thresholds import threshold
from openhour.reviews.models import Review

SAME_AUTHOR_SCORE = 0.4  # someone reusing their own words is lazy, not a fake: noted, not queued
EXCERPT = 300
review_text = index.review_text


def alike_enough() -> float:
    """The similarity from which two texts count as one."""
    return float(threshold("DUPLICATE_THRESHOLD"))


def comparable(shape: list[str]) -> bool:
    """Enough words of its own, beyond names, numbers and the praise every review uses, to be copied."""
    return len(own_words(shape)) >= threshold("DUPLICATE_MIN_WORDS")


def rare_sentences(sentences: list[int]) -> set[int]:
    """The sentences (keys, this review's included in the index) that few reviews hold: copied, not stock."""
    most = threshold("DUPLICATE_SENTENCE_REVIEWS")
    held = index.holders(keys=sentences, up_to=most + 1)
    return {key for key in sentences if held.get(key, 1) <= most}


def _score(alike_in_words: float, shared: int) -> float:
    """The char-gram similarity, raised to the retelling score when enough rare sentences are shared."""
    if shared >= threshold("DUPLICATE_SHARED_SENTENCES"):
        return max(alike_in_words, threshold("DUPLICATE_RETOLD_SCORE"))
    return alike_in_words


def near_duplicates(text: str, others: Mapping[int, str], names: Iterable[str] = ()) -> list[tuple[int, float]]:
    """(key, similarity) of every text in `others` whose shape nearly repeats `text`'s, most similar first."""
    mine = normalised(text, names)
    if not comparable(mine):
        return []
    grams = char_grams(mine)
    found = []
    for key, other in others.items():
        theirs = normalised(other, names)
        if comparable(theirs) and (score := shape_similarity(grams, char_grams(theirs))) >= alike_enough():
            found.append((key, score))
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))


def copies_in_reviews(text: str, names: Iterable[str] = ()) -> list[tuple[int, float]]:
    """(review, similarity) of the stored reviews whose shape nearly repeats `text`'s (a testimonial's), found
    through the similarity index as a review's own check finds them, so it reads a few reviews, not all. The
    index masked each review's own people's names, so the keys are looked up with `names` masked and without;
    the texts are compared as written (a name can be a word too: "Carol Shop")."""
    names = tuple(names)
    keys = {*band_keys(normalised(text, names)), *band_keys(normalised(text, ()))}
    found = index.candidates(keys=sorted(keys), exclude=0, limit=threshold("DUPLICATE_CANDIDATES"))
    rows = Review.objects.filter(pk__in=found).values_list("pk", "went_well", "could_improve")
    return near_duplicates(text, {pk: review_text(went, improve) for pk, went, improve in rows})


def _matches(review: Review, shape: list[str], keys: list[int], rare: set[int]) -> list[dict[str, Any]]:
    limit = threshold("DUPLICATE_CANDIDATES")
    found = index.candidates(keys=[*keys, *rare], exclude=review.pk, limit=limit)
    rows = Review.objects.filter(pk__in=found).values_list(
        "pk", "author_id", "subject_id", "went_well", "could_improve", "author__name", "subject__name", "submitted_at"
    )
    grams, matches = char_grams(shape), []
    for pk, author_id, subject_id, went_well, could_improve, author, subject, submitted_at in rows:
        theirs = index.review_shape(went_well, could_improve, (author, subject))
        if not comparable(theirs):
            continue
        held = rare.intersection(sentence_keys(index.review_text(went_well, could_improve), (author, subject)))
        their_grams = char_grams(theirs)
        in_words = shape_similarity(grams, their_grams)
        if (score := _score(in_words, len(held))) >= alike_enough():
            retold = {"sentences": len(held)} if len(held) >= threshold("DUPLICATE_SHARED_SENTENCES") else {}
            match = {"review": pk, "jaccard": score, **retold, "same_author": author_id == review.author_id}
            private = {"_of": subject_id, "_by": author_id, "_at": submitted_at, "_grams": their_grams}
            matches.append(match | private | {"_sentences": held, "_text": in_words})
    return sorted(matches, key=lambda match: (-match["jaccard"], match["review"]))


def _first_written(review: Review, others: list[dict[str, Any]]) -> int | None:
    """Of this review and the other authors' matches, the one submitted first: maybe the original the rest copied."""
    if not others:
        return None
    return min([(review.submitted_at, review.pk), *((match["_at"], match["review"]) for match in others)])[1]


def _alike(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Two of a review's matches alike between themselves too, by their texts or the rare sentences they share."""
    retold = len(one["_sentences"] & other["_sentences"]) >= threshold("DUPLICATE_SHARED_SENTENCES")
    return retold or shape_similarity(one["_grams"], other["_grams"]) >= alike_enough()


def _one_template(others: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The matches that resemble another match as well as this review. Copies of one template all read alike;
    reviews that each share a different few sentences with this one (honest reviews of similar work, one phrase
    here and another there) do not, and are no cluster."""
    return [match for match in others if any(_alike(match, other) for other in others if other is not match)]


def _cluster(review: Review, others: list[dict[str, Any]], first: int | None) -> Evidence | None:
    """The template's cluster when the matches that read alike among themselves reach two or more other people or
    other accounts."""
    others = _one_template(others)
    people = {match["_of"] for match in others} - {review.subject_id}
    writers = {match["_by"] for match in others} - {review.author_id}
    if len(people) < 2 and len(writers) < 2:
        return None
    size = len(others) + 1
    return {
        "reviews": sorted([review.pk, *(match["review"] for match in others)]),
        "first": first,
        "people": len(people | {review.subject_id}),
        "accounts": len(writers | {review.author_id}),
        "explanation": (
            f"One template: {size} reviews about {len(people) + 1} people, written by {len(writers) + 1} accounts, "
            "have the same text once names, numbers and synonyms are set aside."
        ),
    }


def _retold(matches: list[dict[str, Any]]) -> str:
    most = max((match.get("sentences", 0) for match in matches), default=0)
    return f"; up to {most} whole sentences that few other reviews hold are repeated" if most >= 2 else ""


def _by_meaning(review: Review, matches: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(matches, retold): the text matches, less those found only by a few shared sentences whose texts tell
    different stories (under INTEGRITY_MEANING_UNRELATED: the sentences are stock, not retold); and the other
    authors' reviews of the same person that say what this one says in other words (`meaning`), beyond those."""
    from openhour.reviews.integrity import meaning  # numpy and the encoder: the worker's, not the web's start-up

    by_sentences = [match["review"] for match in matches if match["_text"] < alike_enough()]
    person = meaning.neighbours(review)
    alike = meaning.compared(review, sorted({*person, *by_sentences}))
    unrelated = threshold("MEANING_UNRELATED")
    kept = [m for m in matches if m["review"] not in by_sentences or alike.get(m["review"], 1.0) >= unrelated]
    least, matched = threshold("MEANING_THRESHOLD"), {match["review"] for match in kept}
    retold = [
        {"review": pk, "meaning": alike[pk], "same_author": False}
        for pk in sorted(person, key=lambda pk: (-alike.get(pk, 0.0), pk))
        if alike.get(pk, 0.0) >= least and pk not in matched
    ]
    return kept, retold


def check(review: Review) -> Finding | None:
    names = Review.objects.filter(pk=review.pk).values_list("author__name", "subject__name").first() or ()
    text = review_text(review.went_well, review.could_improve)
    shape, sentences = normalised(text, names), sentence_keys(text, names)
    keys = band_keys(shape)
    index.index_review(review_id=review.pk, keys=keys, sentences=sentences)
    if not comparable(shape):
        return None
    matches, retold = _by_meaning(review, _matches(review, shape, keys, rare_sentences(sentences)))
    if not matches and not retold:
        return None
    others = [match for match in matches if not match["same_author"]]
    best = max((match["jaccard"] for match in others), default=0.0)
    first = _first_written(review, others)
    cluster = _cluster(review, others, first)
    evidence: Evidence = {
        "matches": [{key: value for key, value in match.items() if not key.startswith("_")} for match in matches],
        "best_jaccard": best,
        "same_person": sum(1 for match in others if match["_of"] == review.subject_id),
        "text": text[:EXCERPT],
        "explanation": (
            f"Once names, numbers and synonyms are set aside, this text matches {len(matches)} other review(s), "
            f"{len(others)} by other authors; best similarity {best:.2f}"
            f"{_retold(matches)}."
        ),
    }
    if first == review.pk:
        evidence["first_written"] = True  # the others came later: this may be the original they copied
    if cluster:
        evidence |= {"cluster": cluster, "reviews": cluster["reviews"], "explanation": cluster["explanation"]}
        return max(best, threshold("DUPLICATE_CLUSTER_SCORE")), evidence
    if retold:
        in_words = [match["review"] for match in others if match["_of"] == review.subject_id]
        return _with_meaning(review, evidence, retold, in_words), evidence
    return (best if others else SAME_AUTHOR_SCORE), evidence


def _with_meaning(review: Review, evidence: Evidence, retold: list[dict[str, Any]], in_words: list[int]) -> float:
    """Add the same person's reviews alike in meaning to the evidence; the finding's score, the best of both.
    The story's group is every other account's review of the same person that tells it, alike in meaning or in
    words (`in_words`): a retelling too far from the others in meaning to reach the threshold, but sharing their
    rare sentences, is one of them all the same, and gets the signal with the rest."""
    most = max(match["meaning"] for match in retold)
    evidence["matches"] += retold
    evidence["same_person"] += len(retold)
    evidence["same_meaning"] = True  # the earlier reviews it lists get the signal too
    evidence["reviews"] = sorted({review.pk, *in_words, *(match["review"] for match in retold)})
    said = (
        f"{len(retold)} other account(s)' review(s) of the same person say the same in other words "
        f"(meaning similarity up to {most:.2f}): one story retold."
    )
    worded = evidence["explanation"] if len(evidence["matches"]) > len(retold) else ""
    evidence["explanation"] = f"{worded} {said}".strip()
    return max(evidence["best_jaccard"], most)
