"""Moderation words that were stored already put into words, read again in the reader's language.

A case's history keeps each step's note as written when the step was taken: the source of the case ("Reported
by a member"), a report's reason ("Offensive: …") and a decision's outcome and rule ("Removed: …", "Rule: …"),
in the language of whoever acted. Those labels are ours, not the person's: here each line that starts with one,
in any site language, is shown with the label in the reader's language. The person's own words are left alone.
A sanction's evidence names the kinds of signal found by code, so they are named when read."""

from collections.abc import Iterator
from typing import Any

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy

from openhour.reviews.integrity.models import Case, Flag, RiskSignal

register = template.Library()

TIME_TO_APPEAL_PASSED = gettext_lazy("The time to appeal has passed.")
RULE = gettext_lazy("Rule: %(rule)s")


def _labels() -> Iterator[Any]:
    for choices in (Case.Source, Case.Outcome, Flag.Reason):
        yield from (choice.label for choice in choices)


def _known() -> dict[str, object]:
    """Every stored line or start of line that is one of our labels, in every site language -> the label.
    Built per note read, not cached: a few dozen look-ups in catalogues that are already loaded."""
    known: dict[str, object] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for label in _labels():
                known[f"{label}: "] = label
                known[str(label)] = label
            for reason in Flag.Reason:
                known[str(RULE % {"rule": reason.label})] = ("rule", reason.label)
            known[str(TIME_TO_APPEAL_PASSED)] = TIME_TO_APPEAL_PASSED
    return known


def _reread(line: str, known: dict[str, object]) -> str:
    if line in known:
        return _say(known[line])
    for start in sorted((key for key in known if key.endswith(": ")), key=len, reverse=True):
        if line.startswith(start):
            return f"{_say(known[start])}: {line[len(start) :]}"
    return line


def _say(meaning: object) -> str:
    if isinstance(meaning, tuple):
        return str(RULE % {"rule": meaning[1]})
    return str(meaning)


@register.filter
def moderation_note(note: str) -> str:
    """A stored step note with our labels in the reader's language (escape it after: it holds people's words)."""
    if not note:
        return ""
    known = _known()
    return "\n".join(_reread(line, known) for line in note.split("\n"))


@register.filter
def signal_kind(kind: str) -> str:
    """The name of a kind of signal ("Near-duplicate text") in the reader's language."""
    return str(RiskSignal.Kind(kind).label) if kind in RiskSignal.Kind.values else kind
