"""A person's data: the archives they ask for, and the log of who read or exported personal data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openhour.lib.private_files import private_name, private_storage


class Export(models.Model):
    """One archive of everything the site holds about a person, prepared by the task worker."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    file = models.FileField(storage=private_storage, upload_to=private_name, max_length=300, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("personal data archive")
        verbose_name_plural = _("personal data archives")

    def __str__(self) -> str:
        return f"export {self.pk} of {self.user_id} ({self.status})"


class PersonalDataAccess(models.Model):
    """Someone read, exported or erased a person's data: kept so operators can answer "who saw my data?"."""

    class What(models.TextChoices):
        EXPORT_REQUESTED = "export_requested", _("Archive requested")
        EXPORT_DOWNLOADED = "export_downloaded", _("Archive downloaded")
        IDENTITY_DOCUMENT_VIEWED = "identity_document_viewed", _("Identity document viewed")
        ADMIN_VIEWED = "admin_viewed", _("Record opened in the administration")
        ERASED = "erased", _("Data erased")

    # SET_NULL on both sides: the log outlives the accounts it speaks of, as evidence.
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="personal_data_accesses"
    )
    by_label = models.CharField(max_length=150, blank=True)  # username at the time: readable after erasure
    subject_label = models.CharField(max_length=150, blank=True)
    what = models.CharField(max_length=30, choices=What)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")

    def __str__(self) -> str:
        return f"{self.what} of {self.subject_label} by {self.by_label}"
