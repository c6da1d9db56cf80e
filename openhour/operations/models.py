"""The market's own brand: one row that operators edit in the admin, read through `branding.brand()`."""

import math
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from openhour.lib.colours import AA_NORMAL_TEXT, HEX_COLOUR, contrast_with_white

BRAND_PK = 1  # the only row
# "/fees", never "//elsewhere" nor "/\elsewhere": browsers read both as another host.
SITE_PATH = re.compile(r"/(?![/\\])[^\s\\\x00-\x1f\x7f]*")
HTTPS_URL = URLValidator(schemes=["https"])


def validate_button_colour(value: str) -> None:
    """Buttons put white text on these colours, so the text must stay readable (WCAG AA, 4.5:1)."""
    if not HEX_COLOUR.fullmatch(value):
        raise ValidationError(_("Write the colour as # and six hexadecimal digits, like #1d5e4a."), code="invalid")
    ratio = contrast_with_white(value)
    if ratio < AA_NORMAL_TEXT:
        raise ValidationError(
            _(
                "White text on %(colour)s has a contrast of only %(ratio)s:1, and buttons need at least 4.5:1 "
                "to stay readable: choose a darker colour."
            ),
            code="invalid",
            params={"colour": value, "ratio": f"{math.floor(ratio * 100) / 100:.2f}"},  # 4.499 is not "4.50"
        )


def validate_link_url(value: str) -> None:
    """Footer links go to https:// addresses or to this site's own pages; never javascript: or data:."""
    if SITE_PATH.fullmatch(value):
        return
    refused = ValidationError(
        _("A link must start with https:// (another site) or with / (a page of this site)."), code="invalid"
    )
    if not value.lower().startswith("https://"):
        raise refused
    try:
        HTTPS_URL(value)
    except ValidationError:
        raise refused from None


def _logo_path(brand: "Brand", filename: str) -> str:
    return f"brand/{filename}"  # a random name given when the upload was re-encoded


class Brand(models.Model):
    """How the market presents itself. Every empty field falls back to the default: SITE_NAME from the
    environment for the name, the stylesheet's own colours, no logo."""

    name = models.CharField(
        _("market name"),
        max_length=60,
        blank=True,
        help_text=_("Shown in the header, page titles and e-mails. Empty: the SITE_NAME setting."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to=_logo_path,
        blank=True,
        help_text=_("A JPEG, PNG, WebP or GIF, shown beside the name in the header. A wide logo works best."),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        blank=True,
        validators=[validate_button_colour],
        help_text=_("Buttons and links, like #1d5e4a. White text must stay readable on it (4.5:1)."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        validators=[validate_button_colour],
        help_text=_("Secondary buttons and the line under the header, like #5b3f8c. White text must stay readable."),
    )
    support_email = models.EmailField(
        _("support e-mail"), blank=True, help_text=_("Shown in the footer of pages and e-mails when set.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("brand")
        verbose_name_plural = _("brand")
        constraints = [models.CheckConstraint(condition=models.Q(pk=BRAND_PK), name="operations_brand_one_row")]

    def __str__(self) -> str:
        return str(_("The market's brand"))

    def clean(self) -> None:
        self.name = self.name.strip()
        self.primary_colour = self.primary_colour.strip().lower()
        self.accent_colour = self.accent_colour.strip().lower()


class BrandLink(models.Model):
    """A link in every page's footer: terms, privacy, the operator's own help pages."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=40)
    labels = models.JSONField(
        _("label per language"),
        default=dict,
        db_default={},
        blank=True,
        editable=False,
        help_text=_("How the label reads in each language, by language code; edited in the admin."),
    )
    url = models.CharField(
        _("address"),
        max_length=300,
        validators=[validate_link_url],
        help_text=_("https://… for another site, or /… for a page of this one."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("footer link")
        verbose_name_plural = _("footer links")

    def __str__(self) -> str:
        return self.label

    def wordings(self) -> tuple[tuple[str, str], ...]:
        """The per-language labels as the cached brand keeps them: frozen, in a stable order."""
        return tuple(sorted((code, text) for code, text in (self.labels or {}).items() if isinstance(text, str)))
