"""The generators' commands: neither runs on a site without the demo; `seed_manipulation` plays a seed once
and labels what it wrote; `review_audit` prints the outcomes of the labelled reviews and the demo's own."""

from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from openhour.demo.contracts import seed_contracts
from openhour.demo.manipulation.audit import DEMO, outcomes, summary
from openhour.demo.manipulation.generate import generate
from openhour.demo.manipulation.labels import labels_held, planted_labels
from openhour.demo.money import seed_money
from openhour.demo.people import seed_demo
from openhour.demo.reviews import seed_reviews
from openhour.reviews.models import Review

pytestmark = pytest.mark.django_db


def test_commands_refuse_without_the_demo(labels_file: Path):
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("seed_manipulation")
    with pytest.raises(CommandError, match="seed_manipulation"):
        call_command("review_audit")
    assert not planted_labels() and not labels_file.exists()


def test_a_seed_is_played_once_and_the_audit_counts_its_reviews_and_the_demos(ledger_ok):
    seed_demo()
    seed_money()
    seed_contracts()
    seed_reviews()
    planted = generate(7, red=("swap",), good=("harsh_fair",))
    assert {move for _review, _scenario, move in planted} == {"swap", "harsh_fair"}
    assert Counter(label["scenario"] for label in labels_held()) == Counter(s for _r, s, _m in planted)
    assert {label.get("seed") for label in labels_held()} == {7}
    reviews = Review.objects.count()
    assert generate(7, red=("swap",)) == []  # played already
    out = StringIO()
    call_command("seed_manipulation", "--seed", "7", stdout=out)
    assert "nothing new" in out.getvalue() and Review.objects.count() == reviews
    ledger_ok()

    found = outcomes()
    assert len([o for o in found if o.move != DEMO]) == len(planted)
    assert {o.move for o in found if o.move == DEMO} and all(not o.manipulated for o in found if o.move == DEMO)
    table = StringIO()
    call_command("review_audit", stdout=table)
    overall = summary(found).overall
    last = next(line for line in table.getvalue().splitlines() if line.startswith("overall")).split()
    assert last[1:3] == [str(overall.manipulated), str(overall.caught)]
    assert last[5] == str(overall.honest)
    print(table.getvalue())
