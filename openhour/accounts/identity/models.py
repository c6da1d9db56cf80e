"""A person's identity check: one process per person, its events, and the documents a manual check keeps."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openhour.lib.private_files import private_name, private_storage
from openhour.lib.process import OPERATOR, OWNER, SYSTEM, ProcessEvent, step


class IdentityCheck(models.Model):
    """Whether a person proved who they are. Rejected people may submit again; a verified one stays verified."""

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("Not verified")
        PENDING = "pending", _("Being checked")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not accepted")

    TRANSITIONS = {
        (Status.UNVERIFIED, "submit"): step(Status.PENDING, OWNER),
        (Status.REJECTED, "submit"): step(Status.PENDING, OWNER),
        (Status.PENDING, "approve"): step(Status.VERIFIED, OPERATOR, SYSTEM),  # SYSTEM: the provider's webhook
        (Status.PENDING, "reject"): step(Status.REJECTED, OPERATOR, SYSTEM),
    }

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity_check")
    status = models.CharField(max_length=20, choices=Status, default=Status.UNVERIFIED)
    provider = models.CharField(max_length=20, blank=True)  # the one the current attempt was made with
    provider_ref = models.CharField(max_length=100, blank=True, db_index=True)  # Stripe's verification session
    provider_url = models.URLField(max_length=1000, blank=True)  # where the person completes it at the provider
    reason = models.TextField(blank=True)  # why it was not accepted, as the person reads it
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status", "submitted_at"])]  # the operators' queue

    def __str__(self) -> str:
        return f"{self.user_id} {self.status}"

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class IdentityEvent(ProcessEvent):
    identity_check = models.ForeignKey(IdentityCheck, on_delete=models.CASCADE, related_name="events")


class IdentityFile(models.Model):
    """A document or selfie of a manual check, private, deleted IDENTITY_FILES_KEEP_DAYS after the decision."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Identity document")
        SELFIE = "selfie", _("Selfie")

    identity_check = models.ForeignKey(IdentityCheck, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=10, choices=Kind)
    file = models.FileField(upload_to=private_name, storage=private_storage)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    delete_after = models.DateTimeField(null=True, blank=True, db_index=True)  # set when an operator decides

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name
