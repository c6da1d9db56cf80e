"""The words of the legal documents: the texts the project ships (defaults/<document>.<language>.md), the details of
the operator filled into any text, and Markdown turned into HTML that cannot carry a script."""

from datetime import date
from functools import cache
from pathlib import Path

import markdown
import nh3
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from openhour.reviews.integrity.thresholds import threshold

DEFAULTS_DIR = Path(__file__).resolve().parent / "defaults"
DEFAULTS_DATE = date(2026, 12, 6)  # when the shipped texts were last changed; shown as version 0's date
DEFAULT_VERSION = 0  # the shipped text is version 0: operators' versions count from 1
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]


def placeholders() -> dict[str, str]:
    """What an operator's text or a shipped one may name in braces, filled in each time it is shown."""
    return {
        "{operator_legal_name}": settings.OPERATOR_LEGAL_NAME,
        "{operator_address}": settings.OPERATOR_ADDRESS,
        "{site_name}": settings.SITE_NAME,
        "{site_url}": settings.SITE_URL,
        "{access_retention_days}": str(threshold("ACCESS_RETENTION_DAYS")),
        # Set by the data archive, identity checks and account closing; read with their defaults if absent.
        "{export_days}": str(getattr(settings, "PERSONAL_DATA_EXPORT_DAYS", 7)),
        "{identity_files_days}": str(getattr(settings, "IDENTITY_FILES_KEEP_DAYS", 30)),
        "{closed_records_years}": str(getattr(settings, "CLOSED_ACCOUNT_RECORDS_YEARS", 6)),
    }


def filled(text: str) -> str:
    for name, value in placeholders().items():
        text = text.replace(name, value)
    return text


def to_html(text: str) -> SafeString:
    """Markdown as HTML with only harmless tags and attributes left (no scripts, handlers or javascript: links)."""
    html = nh3.clean(markdown.markdown(filled(text), extensions=MARKDOWN_EXTENSIONS, output_format="html"))
    # Wide tables scroll sideways on a phone instead of pushing the page wider than the screen.
    html = html.replace("<table>", '<div class="table-scroll"><table>').replace("</table>", "</table></div>")
    return mark_safe(html)  # noqa: S308  # nosec B308 B703 - nh3 has just removed everything unsafe


@cache
def _shipped(document: str, language: str) -> str | None:
    path = DEFAULTS_DIR / f"{document}.{language}.md"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def shipped_text(document: str, language: str) -> str | None:
    """The project's own text of a document in a language, or None when there is none in that language."""
    return _shipped(document, language)
