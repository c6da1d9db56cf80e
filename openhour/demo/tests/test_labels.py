"""The labels file: labels survive between commands, and a label stops counting once its review is gone or now
belongs to someone else (the database was reset after planting), so a fresh demo is planted again."""

import json
from pathlib import Path

import pytest

from openhour.demo.manipulation.labels import labels_add, planted_labels
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db


def test_labels_are_kept_in_the_file_and_checked_against_the_database(clara, fred, labels_file: Path):
    contract = finished(clara, fred)
    by_clara = review_submit(contract_id=contract.pk, by=clara, data=body(CLIENT, 5))
    by_fred = review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER, 5))
    labels_add([(by_clara, "duplicate")])
    labels_add([(by_fred, "clean"), (by_clara, "burst")])  # a review keeps its first label

    assert planted_labels() == {by_clara.pk: "duplicate", by_fred.pk: "clean"}
    stored = json.loads(labels_file.read_text())["labels"]
    assert {(label["review"], label["author"]) for label in stored} == {(by_clara.pk, "clara"), (by_fred.pk, "fred")}

    by_fred.delete()
    assert planted_labels() == {by_clara.pk: "duplicate"}
    stored[0]["author"] = "olga"  # the same id, written by someone else: another database
    labels_file.write_text(json.dumps({"labels": stored}))
    assert planted_labels() == {}
