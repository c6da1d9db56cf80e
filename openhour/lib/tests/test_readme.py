"""The README is the front door: its configuration table names every variable the settings read."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_setting_is_documented():
    settings_source = (ROOT / "openhour" / "settings.py").read_text()
    readme = (ROOT / "README.md").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list|decimal)\("([A-Z0-9_]+)"', settings_source))
    read |= _integrity_thresholds()
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", readme, flags=re.MULTILINE))
    assert read, "no settings found"
    assert read - documented == set()
    assert documented - read == set()


def _integrity_thresholds() -> set[str]:
    """The INTEGRITY_<NAME> overrides the review checks read (settings.py passes any such variable through):
    named whole, as keys of the graph checks' DEFAULTS, or through the duplicate check's `_setting`."""
    integrity = ROOT / "openhour" / "reviews" / "integrity"
    source = "\n".join(path.read_text() for path in integrity.rglob("*.py") if "tests" not in path.parts)
    named = set(re.findall(r'getattr\(settings, "(INTEGRITY_[A-Z0-9_]+)"', source))
    named |= set(re.findall(r'"(INTEGRITY_[A-Z0-9_]+)"', (integrity / "checks" / "conflict.py").read_text()))
    graph = "\n".join((integrity / "checks" / name).read_text() for name in ("graph.py", "graph_patterns.py"))
    named |= {f"INTEGRITY_{name}" for name in re.findall(r'^\s+"([A-Z0-9_]+)": ', graph, flags=re.MULTILINE)}
    duplicate = (integrity / "checks" / "duplicate.py").read_text()
    return named | {f"INTEGRITY_DUPLICATE_{name}" for name in re.findall(r'_setting\("([A-Z0-9_]+)"', duplicate)}


def test_quick_start_is_two_commands():
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start")[1].split("##")[0]
    block = quick_start.split("```sh")[1].split("```")[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
