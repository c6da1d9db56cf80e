"""The layout rule of docs/architecture.md, checked on the tree: a newcomer finds every write under `services`,
every page under `views`, every endpoint under `api`, and no layer split into siblings with other names."""

import re
from pathlib import Path

import openhour

ROOT = Path(openhour.__file__).parent
LAYERS = ("services", "selectors", "views", "api", "forms")
# A layer's name inside a longer module name: proposal_views.py, views_moderation.py, api_offers.py ...
SPLIT_NAME = re.compile(rf"^(\w+_)?({'|'.join(LAYERS)})(_\w+)?$")


def product_modules() -> list[Path]:
    skipped = {"tests", "migrations", "management"}
    return [path for path in ROOT.rglob("*.py") if not skipped & set(path.relative_to(ROOT).parts)]


def test_no_layer_is_split_into_siblings_with_other_names() -> None:
    stray = [
        str(path.relative_to(ROOT))
        for path in product_modules()
        if SPLIT_NAME.match(path.stem) and path.stem not in LAYERS
    ]
    assert stray == [], f"move these into the layer's package, one module per noun: {stray}"


def test_a_layer_package_holds_modules_of_the_same_layer_only() -> None:
    """A file inside `views/` is a page module named for its noun, not another layer."""
    misplaced = [
        str(path.relative_to(ROOT)) for path in product_modules() if path.parent.name in LAYERS and path.stem in LAYERS
    ]
    assert misplaced == []


def test_the_root_urls_only_include_the_apps() -> None:
    """Each app mounts its own pages: the root URLconf names no view of an app."""
    text = (ROOT / "urls.py").read_text()
    imported = re.findall(r"^from openhour\.(\w+)(?:\.\w+)* import", text, re.M)
    assert set(imported) <= {"views", "api", "lib"}, imported
