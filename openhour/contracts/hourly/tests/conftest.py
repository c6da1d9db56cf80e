from collections.abc import Iterator

import pytest
import time_machine


@pytest.fixture(autouse=True)
def _a_fixed_now() -> Iterator[None]:
    """Steps outside a test's own time travel happen on Tuesday 24 Nov 2026, the day after the first week
    the tests log closed, so no test depends on the day it runs."""
    with time_machine.travel("2026-11-24T10:00:00+00:00", tick=False):
        yield
