"""What text people may send: one set of rules for the API, the pages and uploaded file names.

- Control characters (C0 except tab, newline and carriage return; DEL; C1) are refused everywhere: they have
  no meaning in marketplace text, PostgreSQL refuses NUL with an error and SQLite would store it as-is.
- Bidi controls (embeddings, overrides, isolates, the LRM/RLM marks) and zero-width characters are stripped
  from single-line text that names or titles something, and from file names: there they only serve to make
  "invoice" + U+202E + "fdp.exe" look like "invoiceexe.pdf" or to make two names look the same. Stripping is friendlier
  than refusing, since they are invisible and people paste them without knowing. Long free text (messages,
  descriptions, bios) keeps them: right-to-left writing and some scripts need them there. In names, the two
  joiners (ZWNJ, ZWJ) stay where they join two letters beyond Latin (Persian "می‌خواهم", Indic conjuncts), and
  a ZWJ stays between two symbols (emoji sequences such as 👩‍💻), which need them to be spelled right; between
  Latin letters, or between a letter and an emoji, they only disguise.
- Passwords are hashed, never shown: they are only refused a NUL, as before.
"""

import re
import unicodedata

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidi embeddings/overrides, isolates, LRM/RLM/ALM marks, zero-width space/joiners, word joiner, BOM.
INVISIBLE_CHARACTERS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]")
JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner
FIRST_NON_LATIN = 0x0370  # Greek: everything below is Latin, IPA or combining marks
CONTROL_MESSAGE = "This text contains control characters; remove them and try again."
# What a reader cannot see: whitespace (as str.isspace() has it), control and invisible characters. A text that
# must be given needs at least one character outside these (`has_visible_character`); the API's schema states the
# same class as a pattern, written out so that JSON Schema's regular expressions read it as Python's do.
HIDDEN_CLASS = (
    "\\u0000-\\u0020\\u007f-\\u00a0\\u061c\\u1680\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u2060"
    "\\u2066-\\u2069\\u3000\\ufeff"
)
VISIBLE_CHARACTER = re.compile(f"[^{HIDDEN_CLASS}]")
BLANK_MESSAGE = "This field cannot be blank."

# API fields and form widgets that name or title something (single-line): invisible characters are stripped.
NAME_FIELDS = frozenset(
    {"name", "title", "headline", "label", "company_name", "display_name", "first_name", "last_name", "file_name"}
)
# Never shown, only hashed: refused a NUL (which some hashers choke on) and nothing else.
SECRET_FIELDS = frozenset({"password", "password1", "password2", "oldpassword", "current_password", "new_password"})


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def has_visible_character(text: str) -> bool:
    return VISIBLE_CHARACTER.search(text) is not None


def strip_invisible(text: str) -> str:
    """The text without bidi controls and zero-width characters, but for joiners that join a script needing them."""
    return INVISIBLE_CHARACTERS.sub(lambda found: found[0] if _joins_script(found) else "", text)


def _joins_script(found: re.Match[str]) -> bool:
    """A joiner between two letters (or marks) beyond Latin, or a ZWJ between two symbols (an emoji sequence)."""
    if found[0] not in JOINERS:
        return False
    text, at = found.string, found.start()
    if not 0 < at < len(text) - 1:
        return False
    kinds = {_kind_beyond_latin(text[at - 1]), _kind_beyond_latin(text[at + 1])}
    return kinds == {"letter"} or (kinds == {"symbol"} and found[0] == "\u200d")


def _kind_beyond_latin(character: str) -> str:
    """ "letter" for a letter or mark of a script after Latin and IPA, "symbol" for a symbol there (emoji)."""
    if ord(character) < FIRST_NON_LATIN:
        return ""
    category = unicodedata.category(character)[0]
    return "letter" if category in "LM" else "symbol" if category == "S" else ""


def clean_name(text: str) -> str:
    """A name or title as it is stored: invisible characters gone, NFC so look-alike spellings compare equal."""
    return unicodedata.normalize("NFC", strip_invisible(text))


def clean_file_name(name: str, *, fallback: str = "file") -> str:
    """An uploaded file's original name made safe to store and to show: no folders, no control or invisible
    characters, no leading dots, at most 255 characters with the extension kept; nothing left gives `fallback`."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = clean_name(CONTROL_CHARACTERS.sub("", base)).strip().lstrip(".").strip()
    if len(cleaned) > 255:
        stem, dot, extension = cleaned.rpartition(".")
        cleaned = stem[: 254 - len(extension)] + dot + extension if dot and len(extension) < 20 else cleaned[:255]
    return cleaned or fallback
