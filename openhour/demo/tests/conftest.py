"""Every demo test keeps its planted labels in a file of its own, never in the site's var/."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def labels_file(settings, tmp_path: Path) -> Path:
    settings.DEMO_LABELS_FILE = tmp_path / "demo-labels.json"
    return settings.DEMO_LABELS_FILE
