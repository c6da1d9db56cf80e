"""The README is the front door: its configuration table names every variable the settings read."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_setting_is_documented():
    settings_source = (ROOT / "openhour" / "settings.py").read_text()
    readme = (ROOT / "README.md").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list|decimal|fraction)\("([A-Z0-9_]+)"', settings_source))
    read |= _integrity_thresholds()
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", readme, flags=re.MULTILINE))
    assert read, "no settings found"
    assert read - documented == set()
    assert documented - read == set()


def _integrity_thresholds() -> set[str]:
    """The INTEGRITY_<NAME> overrides of the review checks' one table (settings.py passes any such variable
    through)."""
    from openhour.reviews.integrity.thresholds import DEFAULTS

    return {f"INTEGRITY_{name}" for name in DEFAULTS}


def test_quick_start_is_two_commands():
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start")[1].split("##")[0]
    block = quick_start.split("```sh")[1].split("```")[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
