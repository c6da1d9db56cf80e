"""Nothing in the product imports the demo: every module under openhour/, bar the demo and the tests, is read
with `ast`, and no import in it (at the top or inside a function, absolute or relative) reaches openhour.demo."""

import ast
from collections.abc import Iterator
from pathlib import Path

import openhour

ROOT = Path(openhour.__file__).parent
DEMO = "openhour.demo"


def product_modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[0] == "demo" or "tests" in parts or path.name == "conftest.py":
            continue
        dotted = ".".join(("openhour", *parts))
        yield dotted.removesuffix(".__init__"), path


def imported(module: str, path: Path) -> Iterator[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            source = ".".join(part for part in (base, node.module or "") if part)
            yield source
            yield from (f"{source}.{alias.name}" for alias in node.names)  # `from openhour import demo`


def reaches_demo(name: str) -> bool:
    return name == DEMO or name.startswith(DEMO + ".")


def test_no_product_module_imports_the_demo():
    offenders = [
        f"{path.relative_to(ROOT.parent)} imports {name}"
        for module, path in product_modules()
        for name in imported(module, path)
        if reaches_demo(name)
    ]
    assert offenders == []


def test_the_walk_sees_the_product_and_would_catch_an_import(tmp_path: Path):
    modules = dict(product_modules())
    assert "openhour.settings" in modules and "openhour.reviews.integrity.models" in modules
    assert not any(reaches_demo(module) for module in modules)
    planted = tmp_path / "leak.py"
    planted.write_text("from .. import demo\nfrom openhour.demo.people import seed_demo\n")
    assert [name for name in imported("openhour.jobs.leak", planted) if reaches_demo(name)] == [
        "openhour.demo",
        "openhour.demo.people",
        "openhour.demo.people.seed_demo",
    ]
