"""The brand's stylesheet: the operators' colours as the CSS variables the site's styles read. A file of its own
rather than inline styles, which the Content-Security-Policy (style-src 'self') refuses."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import etag, require_GET

from openhour.lib.colours import darker, translucent
from openhour.operations.branding import BrandView, brand

YEAR = 365 * 24 * 3600
SHORT = 300  # an address without the current version may be asked again soon


def _version(request: HttpRequest) -> str:
    return brand().css_version


@require_GET
@etag(_version)
def brand_css(request: HttpRequest) -> HttpResponse:
    """Pages link it as /brand.css?v=<version>: that address never changes content, so it is kept for a year."""
    found = brand()
    response = HttpResponse(stylesheet(found), content_type="text/css; charset=utf-8")
    current = request.GET.get("v") == found.css_version
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable" if current else f"public, max-age={SHORT}"
    return response


def stylesheet(found: BrandView) -> str:
    rules = [LOGO_RULES]
    if found.primary or found.accent:
        lines = [*_palette("primary", found.primary), *_palette("secondary", found.accent)]
        if found.accent:
            lines.append(f"--oh-accent: {found.accent};")
        rules.append(":root:not([data-theme=dark]), [data-theme=light] {\n  " + "\n  ".join(lines) + "\n}")
    if found.accent:
        rules.append(".site-header { border-bottom: 3px solid var(--oh-accent); }")
    return "/* The market's brand, as its operators set it in the admin. */\n" + "\n".join(rules) + "\n"


def _palette(role: str, colour: str) -> list[str]:
    """Pico's variables for one role (primary, secondary), all from one colour that passed the contrast check."""
    if not colour:
        return []
    hover = darker(colour)
    return [
        f"--pico-{role}: {colour};",
        f"--pico-{role}-background: {colour};",
        f"--pico-{role}-border: {colour};",
        f"--pico-{role}-underline: {translucent(colour, 0.5)};",
        f"--pico-{role}-hover: {hover};",
        f"--pico-{role}-hover-background: {hover};",
        f"--pico-{role}-hover-border: {hover};",
        f"--pico-{role}-hover-underline: {hover};",
        f"--pico-{role}-focus: {translucent(colour, 0.35)};",
        f"--pico-{role}-inverse: #fff;",
    ]


LOGO_RULES = """.brand { display: inline-flex; align-items: center; gap: .5rem; }
.brand-logo { height: 2.5rem; width: auto; max-width: 10rem; object-fit: contain; }
@media (max-width: 640px) { .brand { gap: .35rem; } .brand-logo { height: 1.75rem; max-width: 4.5rem; } }"""
