"""The review checks read their thresholds from one table, and an operator's INTEGRITY_<NAME> overrides one."""

import re
from pathlib import Path

from openhour.reviews.integrity.thresholds import DEFAULTS, threshold

REVIEWS = Path(__file__).resolve().parents[2]


def _source() -> str:
    """The review code that reads settings, the table itself aside."""
    paths = [path for path in REVIEWS.rglob("*.py") if "tests" not in path.parts and path.name != "thresholds.py"]
    return "\n".join(path.read_text() for path in paths)


def test_every_threshold_read_is_in_the_table_and_every_entry_is_read():
    read = set(re.findall(r'threshold\("([A-Z0-9_]+)"\)', _source()))
    assert read == set(DEFAULTS)


def test_no_check_reads_an_integrity_setting_around_the_table():
    assert re.findall(r'getattr\(settings, f?"INTEGRITY_', _source()) == []


def test_a_setting_overrides_the_default_and_keeps_its_kind(settings):
    assert threshold("FARM_MIN") == 3
    settings.INTEGRITY_FARM_MIN = 5.0  # what settings.py makes of INTEGRITY_FARM_MIN=5.0 in the environment
    settings.INTEGRITY_RECIPROCAL_SCORE = 0.7
    assert threshold("FARM_MIN") == 5 and isinstance(threshold("FARM_MIN"), int)
    assert threshold("RECIPROCAL_SCORE") == 0.7
