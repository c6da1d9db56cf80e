"""The risk checks on a new or edited review, and the decision they lead to.

`assess(review)` runs every check in `checks/` (duplicate, conflict, wash_trading, burst, incentive), stores
one RiskSignal per check that found something (replacing those of an earlier assessment), combines the
scores and decides:

    risk = 1 − Π(1 − sᵢ) over the signals found

    hold     only clear fakes: a near-duplicate of another author's review with Jaccard ≥ 0.9
             (HOLD_JACCARD) and long enough not to be a stock phrase, a conflict of interest through a shared
             device, payment card or payout account (one person behind both accounts), or risk ≥ 0.9
             (HOLD_RISK) from signals that each reach QUEUE_RISK: weak evidence (colleagues' shared office
             address or company domain) never holds. The review is not published
             when its round closes; an operator decides.
    queue    risk ≥ 0.5 (QUEUE_RISK) with at least one signal reaching QUEUE_RISK on its own: published as usual,
             with an automatic moderation case to check it. Signals each weighed under QUEUE_RISK are notes on
             what honest life also produces (a loose likeness to someone else's review of similar work,
             colleagues' shared office or company domain); unrelated notes do not add up to a queue, since two
             common coincidences on one honest review are common too. They still add to the risk, and to a
             queue or hold that a real finding starts.
    publish  anything else.

Before combining, each finding is weighed for what it says about this review (`weighed`): a near-duplicate of a
short text (under INTEGRITY_STOCK_TEXT_WORDS words) is a stock phrase many honest people write, and scores at
most INTEGRITY_SHORT_DUPLICATE_SCORE; a loose one (best similarity under HOLD_JACCARD) at most
INTEGRITY_LOOSE_PAIR_SCORE when only one review of someone else resembles it (noted: reviews of similar work can
read alike) and INTEGRITY_LOOSE_DUPLICATE_SCORE when another account's review of the same person does or as a
cluster, which queues it but never holds it alone.

What single signals score is each check's own (see its docstring and its INTEGRITY_* settings): a near-duplicate
its similarity, a template over several people a cluster score; a shared device, card or payout account near
certainty, a shared address or company domain little; a review swap, ring or review farm by its shape; a burst
by the number of young reviewers; an offer or threat by the classifier's probability.

Held and queued reviews get an automatic case (`moderation.case_open`). The rating itself is never an input:
moderation must not depend on whether a review is negative.

Wash trading, bursts, sockpuppet groups and templates only show once their last review is in, so when one fires
its signal is also given to the other reviews it lists (SPREAD), each re-decided from its stored signals: a
still-sealed one may be held, a published one stays published and gets a case. A review checked later keeps such
a signal unless its own check finds the pattern stronger. The first-written review of a duplicate cluster may be
the honest original that the others copied: it is queued at most, never held, on that evidence.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from openhour.reviews.integrity.checks import Finding, all_checks
from openhour.reviews.integrity.checks.conflict import PROOF
from openhour.reviews.integrity.models import Case, RiskSignal, listed_reviews
from openhour.reviews.integrity.services import moderation
from openhour.reviews.integrity.thresholds import threshold
from openhour.reviews.models import Review

HOLD_JACCARD = 0.9
HOLD_RISK = 0.9
QUEUE_RISK = 0.5


def short_text(evidence: Mapping[str, Any]) -> bool:
    """A near-duplicate's text is too short for a match to tell a copy from a stock phrase ("A pleasure to work
    for; Sam shared every asset on day one."): the evidence a match gives grows with the words it matched."""
    least = threshold("STOCK_TEXT_WORDS")
    return "text" in evidence and len(str(evidence["text"]).split()) < least


def weighed(kind: str, finding: Finding) -> Finding:
    """What a check's finding says about this review. A near-duplicate of a short text scores at most
    INTEGRITY_SHORT_DUPLICATE_SCORE, however many reviews share it; a loose one (best similarity under
    HOLD_JACCARD) at most INTEGRITY_LOOSE_PAIR_SCORE when it resembles one review of someone else only (noted,
    never queued alone) and INTEGRITY_LOOSE_DUPLICATE_SCORE when it resembles another account's review of the same
    person or forms a cluster over several accounts or people (queued, never held alone): reviews of similar work
    across the market share phrases, while one person's reviewers rarely write alike unless asked to. The
    first-written review of a match may be the original others copied: queued at most. Where several of these
    apply, the lowest does: being written first never makes a loose match count for more. Every other finding as
    the check scored it."""
    score, evidence = finding
    if kind != "duplicate":
        return finding
    caps = _duplicate_caps(evidence)
    if not caps:
        return finding
    most, note = min(caps, key=lambda cap: cap[0])  # on a tie, the first reason listed
    return (most, {**evidence, "weighed": note}) if score > most else finding


def _duplicate_caps(evidence: Mapping[str, Any]) -> list[tuple[float, str]]:
    """(most it may score, why) for each reason a near-duplicate says less than its similarity."""
    caps = []
    if short_text(evidence):
        note = "The text is a short, stock phrase that many people write alike, so the match is weak evidence."
        caps.append((threshold("SHORT_DUPLICATE_SCORE"), note))
    if evidence.get("first_written"):
        note = "Written first: it may be the original that the others copied, so it is not hidden on this evidence."
        caps.append((threshold("LOOSE_DUPLICATE_SCORE"), note))
    if evidence.get("best_jaccard", 1.0) < HOLD_JACCARD:
        if "cluster" not in evidence and not evidence.get("same_person"):
            note = "One review of someone else is alike but not a copy, as reviews of similar work can be: noted only."
            caps.append((threshold("LOOSE_PAIR_SCORE"), note))
        else:
            note = "The texts are alike but not copies: a moderator should compare them before anything is hidden."
            caps.append((threshold("LOOSE_DUPLICATE_SCORE"), note))
    return caps


def combined(findings: Mapping[str, Finding]) -> float:
    remaining = 1.0
    for score, _evidence in findings.values():
        remaining *= 1 - score
    return round(1 - remaining, 4)


def _held_as_copy(evidence: Mapping[str, Any]) -> bool:
    """A near-verbatim copy of another author's review, long enough not to be a stock phrase, and not the first
    written of its cluster (which may be the original)."""
    copied = evidence.get("best_jaccard", 0) >= HOLD_JACCARD and not short_text(evidence)
    return copied and not evidence.get("first_written")


def is_clear_fake(findings: Mapping[str, Finding]) -> bool:
    duplicate, conflict = findings.get("duplicate"), findings.get("conflict")
    if duplicate and _held_as_copy(duplicate[1]):
        return True
    return bool(conflict and PROOF & set(conflict[1].get("kinds", ())))


def decide(findings: Mapping[str, Finding]) -> tuple[float, str]:
    """(risk, decision) for the signals found, each weighed: the table in this module's docstring."""
    findings = {kind: weighed(kind, finding) for kind, finding in findings.items()}
    risk = combined(findings)
    strong = {kind: (score, evidence) for kind, (score, evidence) in findings.items() if score >= QUEUE_RISK}
    if is_clear_fake(findings) or combined(strong) >= HOLD_RISK:
        return risk, Review.Risk.HOLD
    if risk >= QUEUE_RISK and strong:
        return risk, Review.Risk.QUEUE
    return risk, Review.Risk.PUBLISH


SPREAD = ("wash_trading", "burst", "conflict")  # patterns whose evidence names the other reviews in them


def related_reviews(kind: str, evidence: Mapping[str, Any]) -> set[int]:
    """The other reviews a pattern's evidence lists. A duplicate spreads only as a cluster (one text over several
    people or accounts) or as one story retold to one person's profile by several accounts: a single copy of
    someone else's review may have been taken from an honest review, whose author did nothing."""
    spreads = kind in SPREAD or (kind == "duplicate" and ("cluster" in evidence or evidence.get("same_meaning")))
    return listed_reviews(evidence) if spreads else set()


def _stored(review_ids: set[int]) -> dict[int, dict[str, Finding]]:
    found: dict[int, dict[str, Finding]] = {pk: {} for pk in review_ids}
    for review_id, kind, score, evidence in RiskSignal.objects.filter(review_id__in=review_ids).values_list(
        "review_id", "kind", "score", "evidence"
    ):
        found[review_id][kind] = (score, evidence)
    return found


def _as_given(kind: str, finding: Finding, review_id: int) -> Finding:
    """What a pattern's signal says about another review in it. Whether that review was written first is its own
    (the checked review's mark is not): the first-written review of a duplicate cluster, which the check names,
    may be the honest original the others copied, so it is queued for a moderator at most, never held."""
    score, evidence = finding
    if kind != "duplicate":
        return finding
    first = evidence.get("cluster", {}).get("first") == review_id
    given = (score, {**evidence, "first_written": first})
    return weighed(kind, given) if first else given


def _spread(review: Review, findings: Mapping[str, Finding]) -> None:
    """Give a pattern's signal to the other reviews in it (unless they hold a stronger one) and re-decide them."""
    targets = {kind: related_reviews(kind, evidence) - {review.pk} for kind, (_s, evidence) in findings.items()}
    stored = _stored(set().union(*targets.values()))
    changed: set[int] = set()
    for kind, review_ids in targets.items():
        for review_id in review_ids:
            score, evidence = _as_given(kind, findings[kind], review_id)
            if stored[review_id].get(kind, (0.0, {}))[0] < score:
                RiskSignal.objects.update_or_create(
                    review_id=review_id, kind=kind, defaults={"score": score, "evidence": evidence}
                )
                stored[review_id][kind] = (score, evidence)
                changed.add(review_id)
    for other in Review.objects.filter(pk__in=changed).order_by("pk"):
        _record(other, *decide(stored[other.pk]))


def _with_patterns_kept(review: Review, findings: dict[str, Finding]) -> dict[str, Finding]:
    """`findings`, keeping a stronger pattern signal (SPREAD) the review already carries: a burst, ring or shared
    device found from another review's check still holds when this one is checked later or again, since a pattern
    does not depend on this review's words."""
    kept = dict(findings)
    for kind, score, evidence in RiskSignal.objects.filter(review=review, kind__in=SPREAD).values_list(
        "kind", "score", "evidence"
    ):
        if score > kept.get(kind, (0.0, {}))[0]:
            kept[kind] = (score, evidence)
    return kept


def _record(review: Review, risk: float, decision: str) -> None:
    review.risk_score, review.risk_decision = risk, decision
    review.save(update_fields=["risk_score", "risk_decision"])
    if decision != Review.Risk.PUBLISH:
        moderation.case_open(review=review, source=Case.Source.AUTOMATIC)


def assess(review: Review) -> None:
    """Check `review` (sealed, just submitted or edited) and record the signals, the risk and the decision."""
    findings: dict[str, Finding] = {}
    for kind, check in all_checks().items():
        found = check(review)
        if found is not None:
            findings[kind] = weighed(kind, (min(1.0, max(0.0, found[0])), found[1]))
    findings = _with_patterns_kept(review, findings)
    risk, decision = decide(findings)
    with transaction.atomic():
        RiskSignal.objects.filter(review=review).delete()
        RiskSignal.objects.bulk_create(
            RiskSignal(review=review, kind=kind, score=score, evidence=evidence)
            for kind, (score, evidence) in findings.items()
        )
        _record(review, risk, decision)
        _spread(review, findings)
