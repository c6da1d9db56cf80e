"""The showcase's pictures: the SVG badge (stars, score, count) and the PNG card of one published review.

Both are drawn from plain strings built first (`badge_text`, `card_text`), so tests can check every word
that ends up in the picture: a card names the reviewer by first name and initial only.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from math import cos, pi, sin
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageDraw, ImageFont

from openhour.accounts.models import User
from openhour.lib.process import CLIENT, FREELANCER
from openhour.operations.branding import brand
from openhour.reviews.models import Review
from openhour.reviews.scoring import reputation_of
from openhour.reviews.selectors import short_name

GOLD, GREY, GREEN, INK, MUTED = "#b7791f", "#cbd2d9", "#1d5e4a", "#1f2a37", "#4d5868"
FONT_DIRS = [Path("/usr/share/fonts")]
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def showcase_role(user: User) -> str:
    """The role whose reputation the showcase shows: freelancer, unless they have more reviews as a client."""
    counts = dict(
        Review.objects.shown()
        .filter(subject=user)
        .order_by()
        .values("author_role")
        .annotate(n=Count("id"))
        .values_list("author_role", "n")
    )
    # Freelancers write the reviews about someone as a client, and clients those about a freelancer.
    as_client, as_freelancer = counts.get(FREELANCER, 0), counts.get(CLIENT, 0)
    if as_client > as_freelancer or (as_client == as_freelancer == 0 and user.is_client and not user.is_freelancer):
        return CLIENT
    return FREELANCER


def star_points(cx: float, cy: float, outer: float, inner_ratio: float = 0.45) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star, first point up."""
    points = []
    for corner in range(10):
        radius = outer if corner % 2 == 0 else outer * inner_ratio
        angle = -pi / 2 + corner * pi / 5
        points.append((cx + radius * cos(angle), cy + radius * sin(angle)))
    return points


def star_fills(score: float | None) -> list[float]:
    """How much of each of the five stars is filled, 0 to 1, for a score shown to one decimal."""
    shown = round(score, 1) if score is not None else 0.0
    return [round(min(max(shown - index, 0.0), 1.0), 2) for index in range(5)]


# ---- the SVG badge ----------------------------------------------------------------------------------


@dataclass
class BadgeText:
    label: str  # left part: "openhour reviews"
    value: str  # right part: "4.7 · 23 reviews" or "No reviews yet"
    description: str  # the title and aria-label: the whole statement in words


def badge_text(*, score: float | None, count: int) -> BadgeText:
    label = _("%(site)s reviews") % {"site": brand().name}
    if not count or score is None:
        none = _("No reviews yet")
        return BadgeText(label, none, f"{label}: {none}")
    reviews = ngettext("%(count)d review", "%(count)d reviews", count) % {"count": count}
    value = f"{score:.1f} · {reviews}"
    description = _("%(label)s: rated %(score).1f out of 5 from %(reviews)s") % {
        "label": label,
        "score": score,
        "reviews": reviews,
    }
    return BadgeText(label, value, description)


def badge_svg(*, score: float | None, count: int) -> str:
    """A self-contained badge like the ones READMEs carry: text fitted with textLength, stars as shapes."""
    text = badge_text(score=score, count=count)
    height, pad, star = 28, 10, 15
    label_width = _text_width(text.label) + 2 * pad
    stars_width = 5 * star + 4 if count else 0
    value_width = _text_width(text.value)
    width = label_width + pad + stars_width + (6 if count else 0) + value_width + pad
    value_x = label_width + pad + stars_width + (6 if count else 0)
    gradients, shapes = [], []
    for index, fill in enumerate(star_fills(score) if count else []):
        points = star_points(label_width + pad + index * star + star / 2, height / 2, star / 2)
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        gradients.append(
            f'<linearGradient id="star{index}"><stop offset="{fill}" stop-color="{GOLD}"/>'
            f'<stop offset="{fill}" stop-color="{GREY}"/></linearGradient>'
        )
        shapes.append(f'<polygon points="{path}" fill="url(#star{index})"/>')
    font = 'font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="12"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label={quoteattr(text.description)}>'
        f"<title>{escape(text.description)}</title>"
        f"<defs>{''.join(gradients)}</defs>"
        f'<rect width="{width}" height="{height}" rx="4" fill="#ffffff" stroke="{GREY}"/>'
        f'<rect width="{label_width}" height="{height}" rx="4" fill="{GREEN}"/>'
        f'<rect x="{label_width - 4}" width="4" height="{height}" fill="{GREEN}"/>'
        f'<text x="{pad}" y="18.5" fill="#ffffff" {font} textLength="{label_width - 2 * pad}">'
        f"{escape(text.label)}</text>"
        f"{''.join(shapes)}"
        f'<text x="{value_x}" y="18.5" fill="{INK}" {font} textLength="{value_width}">{escape(text.value)}</text>'
        "</svg>"
    )


def badge_for(user: User) -> str:
    summary = reputation_of(user=user, role=showcase_role(user))
    return badge_svg(score=summary.average, count=summary.reviews)  # the plain average, as profiles lead with


def _text_width(text: str) -> int:
    """Roughly how wide 12px sans-serif text is; textLength makes the browser fit it exactly."""
    return round(sum(4.0 if ch in " .,:·il" else 8.5 if ch.isupper() or ch in "mw" else 7.0 for ch in text))


# ---- the PNG card -----------------------------------------------------------------------------------

CARD_SIZE = (1200, 630)
MARGIN = 72
EXCERPT_CHARS = 200
EXCERPT_FONT, EXCERPT_LEADING = 36, 50
EXCERPT_LINES = 4


@dataclass
class CardText:
    """Every string drawn on a card, exactly as drawn."""

    site: str
    verified: str
    rating: str
    excerpt: list[str]
    byline: str
    work: str

    def strings(self) -> list[str]:
        return [self.site, self.verified, self.rating, *self.excerpt, self.byline, self.work]


def card_text(review: Review) -> CardText:
    """The card's words: the reviewer as "Clara C." (their surname also masked inside the quote)."""
    reviewer = short_name(review.author)
    subject = review.subject.name or review.subject.username
    quote = _excerpt(_mask_surname(review.went_well, review.author), EXCERPT_CHARS)
    duration = _("duration: %(band)s") % {"band": review.duration_band} if review.duration_band else ""
    work = " · ".join(part for part in (review.category, duration) if part)
    return CardText(
        site=brand().name,
        verified=_("Verified contract"),
        rating=_("%(stars)d out of 5 stars") % {"stars": review.overall},
        excerpt=_wrap(f"“{quote}”", _font(EXCERPT_FONT), CARD_SIZE[0] - 2 * MARGIN, EXCERPT_LINES),
        byline=_fit(
            _("%(reviewer)s on working with %(subject)s") % {"reviewer": reviewer, "subject": subject},
            _font(32, bold=True),
            CARD_SIZE[0] - 2 * MARGIN,
        ),
        work=_fit(work, _font(28), CARD_SIZE[0] - 2 * MARGIN),
    )


def card_png(review: Review) -> bytes:
    return render_card(card_text(review), stars=review.overall)


def render_card(text: CardText, *, stars: int) -> bytes:
    """1200×630, the size link previews use."""
    image = Image.new("RGB", CARD_SIZE, "#f4f7f5")
    draw = ImageDraw.Draw(image)
    width, height = CARD_SIZE
    draw.rectangle((0, 0, width, 16), fill=GREEN)
    draw.text((MARGIN, 56), text.site, font=_font(40, bold=True), fill=GREEN)
    _verified_pill(draw, text.verified, right=width - MARGIN, top=56)
    for index in range(5):
        points = star_points(MARGIN + 30 + index * 66, 170, 30)
        draw.polygon(points, fill=GOLD if index < stars else GREY)
    draw.text((MARGIN + 5 * 66 + 16, 150), text.rating, font=_font(30), fill=MUTED)
    y = 236
    for line in text.excerpt:
        draw.text((MARGIN, y), line, font=_font(EXCERPT_FONT), fill=INK)
        y += EXCERPT_LEADING
    draw.text((MARGIN, height - 130), text.byline, font=_font(32, bold=True), fill=INK)
    if text.work:
        draw.text((MARGIN, height - 84), text.work, font=_font(28), fill=MUTED)
    out = BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _verified_pill(draw: ImageDraw.ImageDraw, label: str, *, right: int, top: int) -> None:
    """A tick drawn as lines (fonts may lack ✓) and the words, so the meaning is not in the colour."""
    font = _font(28, bold=True)
    text_width = int(font.getlength(label))
    left = right - text_width - 84
    draw.rounded_rectangle((left, top - 4, right, top + 48), radius=26, fill="#e8f5ee", outline=GREEN, width=2)
    draw.line([(left + 22, top + 22), (left + 32, top + 33), (left + 50, top + 11)], fill=GREEN, width=5)
    draw.text((left + 62, top + 6), label, font=font, fill="#14532d")


def _mask_surname(text: str, author: User) -> str:
    """Reviewers sometimes sign their text: keep only the initial of every name after the first. Matched as
    written (capitalised), so that a surname that is also a word ("Young team") stays a word."""
    for part in (author.name or "").split()[1:]:
        text = re.sub(rf"\b{re.escape(part)}\b\.?", f"{part[0]}.", text)
    return text


def _excerpt(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def _wrap(text: str, font: Font, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to `width` pixels; an overflowing last line ends with an ellipsis."""
    lines: list[str] = []
    for word in _breakable(text.split(), font, width):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) > max_lines:
        last = lines[max_lines - 1].rstrip("”…")
        while " " in last and font.getlength(last + "…”") > width:
            last = last.rsplit(" ", 1)[0]
        lines = [*lines[: max_lines - 1], last.rstrip(",.;:") + "…”"]
    return lines


def text_width(text: str, *, size: int, bold: bool = False) -> float:
    """How many pixels `text` takes on a card at `size`."""
    return float(_font(size, bold=bold).getlength(text))


def _fit(text: str, font: Font, width: int) -> str:
    """One line: shortened with an ellipsis when it would run off the card (a very long name, say)."""
    while text and font.getlength(text) > width:
        text = text[:-2].rstrip() + "…"
    return text


def _breakable(words: list[str], font: Font, width: int) -> list[str]:
    """Words, with any wider than a line (a long link, say) cut into pieces that fit."""
    pieces: list[str] = []
    for word in words:
        while font.getlength(word) > width:
            cut = max(1, next((n for n in range(len(word), 0, -1) if font.getlength(word[:n]) <= width), 1))
            pieces.append(word[:cut])
            word = word[cut:]
        if word:
            pieces.append(word)
    return pieces


@lru_cache(maxsize=16)
def _font(size: int, *, bold: bool = False) -> Font:
    """DejaVu Sans when the system has it, else Pillow's own scalable font."""
    path = _font_file("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path is not None:
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


@lru_cache(maxsize=4)
def _font_file(name: str) -> Path | None:
    for folder in FONT_DIRS:
        if folder.is_dir():
            found = next(folder.rglob(name), None)
            if found is not None:
                return found
    return None
