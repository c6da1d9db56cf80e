"""The legal documents' versions as operators publish them, their translations, and each person's acceptance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Document(models.TextChoices):
    TERMS = "terms", _("Terms of service")
    PRIVACY = "privacy", _("Privacy notice")
    COOKIES = "cookies", _("Cookie notice")
    FEES = "fees", _("Fee terms")
    CONTENT = "content", _("Content rules")


# Only these ask people to accept a version; the others are notices one reads.
ACCEPTED_DOCUMENTS: frozenset[str] = frozenset({Document.TERMS.value})


class LegalVersion(models.Model):
    """One version of a document. A draft until published; once published it is never edited again."""

    document = models.CharField(_("document"), max_length=12, choices=Document)
    number = models.PositiveIntegerField(_("version"), null=True, blank=True, editable=False)  # given at publication
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    requires_acceptance = models.BooleanField(
        _("must be accepted again"),
        default=False,
        help_text=_("For terms of service changes that everyone must accept before they go on using the site."),
    )
    summary = models.TextField(_("summary of changes (English)"), blank=True)
    text = models.TextField(
        _("text (English, Markdown)"),
        help_text=_(
            "Markdown. {operator_legal_name}, {operator_address}, {site_name} and {site_url} are filled in when shown."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        ordering = ["document", "-number", "-created_at"]
        verbose_name = _("legal document version")
        verbose_name_plural = _("legal document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="legal_version_number_unique"),
            models.CheckConstraint(
                condition=models.Q(number__isnull=True, published_at__isnull=True)
                | models.Q(number__isnull=False, published_at__isnull=False),
                name="legal_version_published_has_number",
            ),
        ]
        indexes = [models.Index(fields=["document", "published_at"], name="legal_version_published_idx")]

    def __str__(self) -> str:
        label = Document(self.document).label
        return f"{label} v{self.number}" if self.number else f"{label} ({_('draft')})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class LegalTranslation(models.Model):
    """The text of a version in another language; a language without one reads the English text."""

    version = models.ForeignKey(LegalVersion, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=12)
    summary = models.TextField(_("summary of changes"), blank=True)
    text = models.TextField(_("text (Markdown)"))

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="legal_translation_language_unique")
        ]

    def __str__(self) -> str:
        return f"{self.version} [{self.language}]"


class Acceptance(models.Model):
    """A person accepted a version of a document (0 is the text the project ships, before any is published)."""

    class How(models.TextChoices):
        SIGNUP = "signup", _("At sign-up")
        SIGNIN = "signin", _("When asked on the site")
        API = "api", _("Through the API")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="legal_acceptances")
    document = models.CharField(_("document"), max_length=12, choices=Document)
    version = models.PositiveIntegerField(_("version"))
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    how = models.CharField(_("how"), max_length=8, choices=How)

    class Meta:
        ordering = ["-accepted_at", "-id"]
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        indexes = [models.Index(fields=["user", "document", "-accepted_at"], name="legal_acceptance_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.document} v{self.version}"
