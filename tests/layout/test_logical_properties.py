"""Right-to-left ready: our style sheets and the templates' style attributes say start and end
(margin-inline-start, text-align: end, inset-inline-start ...), never left and right, so a catalogue for
Arabic or Hebrew turns the whole layout round with `dir="rtl"` and no change of CSS. Pico (vendor/) is
Pico's own and left as it ships."""

import re
from collections.abc import Iterator
from pathlib import Path

import openhour

ROOT = Path(openhour.__file__).parent
# A property that names a physical side, or a value that does (float: left, text-align: right, clear: left).
PHYSICAL = re.compile(
    r"(?<![\w-])("
    r"(margin|padding|border|inset|scroll-margin|scroll-padding)-(left|right)(-[a-z]+)?"
    r"|border-(top|bottom)-(left|right)-radius"
    r"|(left|right)\s*:"
    r"|(text-align|float|clear)\s*:\s*(left|right)"
    r")",
    re.IGNORECASE,
)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE)
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def our_style_sheets() -> list[Path]:
    return sorted(path for path in (ROOT / "static").rglob("*.css") if "vendor" not in path.parts)


def without_comments(text: str) -> str:
    """The sheet with its comments blanked, line breaks kept, so line numbers stay true."""
    return COMMENT.sub(lambda comment: re.sub(r"[^\n]", " ", comment.group()), text)


def sides_named(path: Path, text: str, style: str, offset: int) -> Iterator[str]:
    """`path:line: the line` for each physical side named in `style`, found at `offset` of the file's `text`."""
    for match in PHYSICAL.finditer(style):
        line = text.count("\n", 0, offset + match.start()) + 1
        yield f"{path.relative_to(ROOT)}:{line}: {text.splitlines()[line - 1].strip()[:160]}"


def test_our_style_sheets_use_logical_properties() -> None:
    found = []
    for path in our_style_sheets():
        text = without_comments(path.read_text())
        found += sides_named(path, path.read_text(), text, 0)
    assert found == [], "use inline-start/inline-end (or start/end) instead:\n" + "\n".join(found)


def test_templates_style_attributes_use_logical_properties() -> None:
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text()
        for attribute in STYLE_ATTRIBUTE.finditer(text):
            found += sides_named(path, text, attribute.group(1), attribute.start(1))
    assert found == [], "use inline-start/inline-end (or start/end) instead:\n" + "\n".join(found)


def test_the_scan_finds_what_it_is_for() -> None:
    """The rule catches each way a side is named, and lets the logical ones and look-alikes through."""
    for physical in (
        "margin-left: 1rem",
        "padding-right:0",
        "left: 0",
        "border-left-color: red",
        "text-align: right",
        "float:left",
        "border-top-right-radius: 2px",
        "inset-right: 0",
    ):
        assert PHYSICAL.search(physical), physical
    for logical in (
        "margin-inline-start: 1rem",
        "text-align: end",
        "inset-inline: 0",
        "float: inline-start",
        "border-inline-start: 1px",
        "--brand-left-pad: 0",
    ):
        assert not PHYSICAL.search(logical), logical
