"""Selectors only read (docs/architecture.md): no selector module, nor the read modules beside them (the reviews
panel and insights, the job feed and market-rate insights), calls a write of the ORM. A write a page needs
before it reads goes into a service the view or endpoint calls first."""

import ast
from pathlib import Path

import openhour

ROOT = Path(openhour.__file__).parent
READS = ("reviews/panel.py", "reviews/insights.py", "jobs/feed.py", "jobs/insights.py")
WRITES = {"save", "create", "get_or_create", "update_or_create", "update", "delete", "bulk_create", "bulk_update"}
# Collections in memory whose `.update()` writes nothing to the database.
IN_MEMORY = {"set", "dict", "Counter", "defaultdict", "OrderedDict"}


def read_modules() -> list[Path]:
    found = {*ROOT.rglob("selectors.py"), *ROOT.rglob("selectors/*.py"), *(ROOT / path for path in READS)}
    return sorted(path for path in found if "tests" not in path.relative_to(ROOT).parts)


def _names_of_collections(tree: ast.AST) -> set[str]:
    """Names bound to a set, dict or Counter (by its value or its annotation) anywhere in the module."""

    def is_collection(node: ast.AST | None) -> bool:
        if isinstance(node, ast.Subscript):
            node = node.value
        if isinstance(node, ast.Call):
            node = node.func
        if isinstance(node, ast.Set | ast.Dict | ast.SetComp | ast.DictComp):
            return True
        return isinstance(node, ast.Name) and node.id in IN_MEMORY

    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if is_collection(node.annotation) or is_collection(node.value):
                names.add(node.target.id)
        elif isinstance(node, ast.Assign) and is_collection(node.value):
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return names


def writes_in(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    collections = _names_of_collections(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, node.func.value
        if method not in WRITES:
            continue
        if method == "update" and isinstance(receiver, ast.Name) and receiver.id in collections:
            continue
        found.append(f"{path.relative_to(root)}:{node.lineno} .{method}(")
    return found


def test_the_read_modules_are_found() -> None:
    names = {str(path.relative_to(ROOT)) for path in read_modules()}
    assert {"contracts/dashboard/selectors.py", "jobs/selectors/proposals.py", *READS} <= names


def test_selectors_never_write() -> None:
    writes = [write for path in read_modules() for write in writes_in(path)]
    assert writes == [], f"move these writes into a service the view calls before the read: {writes}"


def test_the_check_sees_a_write(tmp_path: Path) -> None:
    """The walk finds a queryset update and a save, and lets an in-memory set's update be."""
    module = tmp_path / "selectors.py"
    module.write_text(
        "def f(rows, obj):\n"
        "    seen: set[int] = set()\n"
        "    seen.update([1])\n"
        "    rows.filter(a=1).update(b=2)\n"
        "    obj.save()\n"
    )
    assert writes_in(module, root=tmp_path) == ["selectors.py:4 .update(", "selectors.py:5 .save("]
