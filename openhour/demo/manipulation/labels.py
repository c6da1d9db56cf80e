"""Which planted review was planted for which scenario, kept in a JSON file (`settings.DEMO_LABELS_FILE`)
rather than a table, so the production schema holds no demo data.

Each label names the review's author as well as its id: a label whose review is gone, or now belongs to someone
else (the database was reset or swapped after planting), no longer holds and is ignored."""

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import NotRequired, TypedDict

from django.conf import settings

from openhour.reviews.models import Review


class Label(TypedDict):
    review: int
    author: str  # the review author's username, checked against the database on every read
    scenario: str  # a RiskSignal kind, or "clean" for an honest review
    move: NotRequired[str]  # the generator's move that wrote it ("ring", "harsh_fair" …)
    seed: NotRequired[int]  # the generator's seed


def labels_held() -> list[Label]:
    """The stored labels whose review is still in the database, written by the same author."""
    stored = _read()
    authors = dict(
        Review.objects.filter(pk__in=[label["review"] for label in stored]).values_list("pk", "author__username")
    )
    return [label for label in stored if authors.get(label["review"]) == label["author"]]


def planted_labels() -> dict[int, str]:
    """Review id -> scenario, for every label that holds."""
    return {label["review"]: label["scenario"] for label in labels_held()}


def labels_add(planted: Sequence[tuple[Review, str] | tuple[Review, str, str]], seed: int | None = None) -> None:
    """Record the reviews just planted (with the move that wrote them, if any) beside the labels that still hold;
    a review keeps its first label."""
    labels = {label["review"]: label for label in labels_held()}
    for review, scenario, *move in planted:
        label = Label(review=review.pk, author=review.author.username, scenario=scenario)
        if move and move[0]:
            label["move"] = move[0]
        if seed is not None:
            label["seed"] = seed
        labels.setdefault(review.pk, label)
    _write([labels[pk] for pk in sorted(labels)])


def _path() -> Path:
    return Path(settings.DEMO_LABELS_FILE)


def _read() -> list[Label]:
    try:
        return json.loads(_path().read_text())["labels"]
    except FileNotFoundError:
        return []


def _write(labels: list[Label]) -> None:
    """Write a whole new file, then swap it in: a reader never sees half a file."""
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps({"labels": labels}, indent=1) + "\n")
    os.replace(partial, path)
