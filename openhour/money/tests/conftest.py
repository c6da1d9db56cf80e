"""Shared pieces for ledger tests: every money test ends by proving the ledger still adds up."""

from openhour.money.audit import ledger_problems


def assert_ledger_balanced() -> None:
    problems = ledger_problems()
    assert problems == [], [str(problem) for problem in problems]
