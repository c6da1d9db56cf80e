"""Reads: the version of a document a reader sees, in their language or in English with a note, its history, and
whether a person must accept the terms again before going on."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from openhour.accounts.legal import texts
from openhour.accounts.legal.models import Acceptance, Document, LegalVersion
from openhour.accounts.models import User
from openhour.lib.errors import NotFound

REQUIRED_CACHE_KEY = "legal:required-terms:v1"
REQUIRED_CACHE_SECONDS = 3600  # publishing forgets it at once; the timeout only bounds a change made elsewhere


@dataclass(frozen=True)
class LegalPage:
    document: str
    number: int
    date: date
    html: SafeString
    summary: str
    language: str  # the language the text is shown in
    fell_back: bool  # the reader's language has no text: shown in English
    is_current: bool

    @property
    def title(self) -> str:
        return str(Document(self.document).label)

    @property
    def is_default(self) -> bool:
        return self.number == texts.DEFAULT_VERSION


@dataclass(frozen=True)
class Required:
    """The newest published version of the terms that everyone must accept (number 0 and no date: none)."""

    number: int
    published_at: datetime | None


def published(document: str) -> QuerySet[LegalVersion]:
    return LegalVersion.objects.filter(document=document, published_at__isnull=False, published_at__lte=timezone.now())


def current_version(document: str) -> LegalVersion | None:
    return published(document).order_by("-number").first()


def current_number(document: str) -> int:
    found = published(document).order_by("-number").values_list("number", flat=True).first()
    return found or texts.DEFAULT_VERSION


def _document(document: str) -> str:
    if document not in Document.values:
        raise NotFound(_("There is no such document."))
    return document


def page_of(*, document: str, language: str, number: int | None = None) -> LegalPage:
    """The version `number` (the current one without it) as a reader in `language` sees it."""
    current = current_version(_document(document))
    wanted = number if number is not None else (current.number if current else texts.DEFAULT_VERSION)
    current_no = current.number if current else texts.DEFAULT_VERSION
    if wanted == texts.DEFAULT_VERSION:
        return _shipped_page(document, language, is_current=current is None)
    version = current if current and current.number == wanted else published(document).filter(number=wanted).first()
    if version is None:
        raise NotFound(_("There is no such version of this document."))
    return _version_page(version, language, is_current=wanted == current_no)


def _version_page(version: LegalVersion, language: str, *, is_current: bool) -> LegalPage:
    translation = version.translations.filter(language=language).first() if language != "en" else None
    text, summary = (
        (translation.text, translation.summary or version.summary) if translation else (version.text, version.summary)
    )
    assert version.number is not None and version.published_at is not None  # published() rows
    return LegalPage(
        document=version.document,
        number=version.number,
        date=timezone.localdate(version.published_at),
        html=texts.to_html(text),
        summary=summary,
        language=language if translation or language == "en" else "en",
        fell_back=translation is None and language != "en",
        is_current=is_current,
    )


def _shipped_page(document: str, language: str, *, is_current: bool) -> LegalPage:
    text = texts.shipped_text(document, language)
    fell_back = text is None
    return LegalPage(
        document=document,
        number=texts.DEFAULT_VERSION,
        date=texts.DEFAULTS_DATE,
        html=texts.to_html(text if text is not None else texts.shipped_text(document, "en") or ""),
        summary="",
        language="en" if fell_back else language,
        fell_back=fell_back,
        is_current=is_current,
    )


def history(document: str) -> list[LegalVersion]:
    """Every published version of a document, newest first (the shipped version 0 is listed by the page)."""
    return list(published(_document(document)).order_by("-number"))


def overview() -> list[tuple[str, str, int, date]]:
    """Each document with its current version's number and date: (document, title, number, date)."""
    latest = {v.document: v for v in LegalVersion.objects.filter(published_at__lte=timezone.now()).order_by("number")}
    rows = []
    for document in Document:
        version = latest.get(document.value)
        when = timezone.localdate(version.published_at) if version and version.published_at else texts.DEFAULTS_DATE
        rows.append((document.value, str(document.label), version.number if version and version.number else 0, when))
    return rows


def required_terms() -> Required:
    """From the shared cache after the first read, so a page view costs no query for it."""
    found = cache.get(REQUIRED_CACHE_KEY)
    if not isinstance(found, Required):
        row = published(Document.TERMS).filter(requires_acceptance=True).order_by("-number").first()
        found = Required(row.number, row.published_at) if row and row.number else Required(0, None)
        cache.set(REQUIRED_CACHE_KEY, found, REQUIRED_CACHE_SECONDS)
    if found.published_at and found.published_at > timezone.now():
        return Required(0, None)
    return found


def accepted_version(user: User, document: str = Document.TERMS) -> int | None:
    """The version of the document the person accepted last, or None if they never did here."""
    return (
        Acceptance.objects.filter(user=user, document=document)
        .order_by("-accepted_at", "-id")
        .values_list("version", flat=True)
        .first()
    )


def needs_acceptance(user: User, *, required: Required | None = None) -> bool:
    """Only a version requiring acceptance published after the person joined, and after their last acceptance of
    it or a later one, asks again; someone who joined since accepted what was current then."""
    required = required or required_terms()
    if required.published_at is None or user.date_joined >= required.published_at:
        return False
    accepted = accepted_version(user)
    return accepted is None or accepted < required.number
