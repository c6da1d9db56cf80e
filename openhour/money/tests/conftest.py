"""Shared pieces for ledger tests: every money test ends by proving the ledger still adds up."""

from collections.abc import Callable

import pytest

from openhour.money.audit import ledger_problems


def assert_ledger_balanced() -> None:
    problems = ledger_problems()
    assert problems == [], [str(problem) for problem in problems]


@pytest.fixture
def ledger_ok() -> Callable[[], None]:
    """Call at the end of a money test: per currency balances sum to zero and match the transfers."""
    return assert_ledger_balanced
