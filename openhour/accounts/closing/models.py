"""A closed account: when, and whether what the law made us keep has been erased too."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Closing(models.Model):
    """One account closed by its owner. The person's row stays, anonymised, because the ledger, contracts and
    reviews point at it; `records_erased_at` is set once the retention job (services/retention.py) has erased
    what accounting law made us keep for CLOSED_ACCOUNT_RECORDS_YEARS."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="closing")
    closed_at = models.DateTimeField(_("closed"), db_index=True)
    records_erased_at = models.DateTimeField(_("records erased"), null=True, blank=True)

    class Meta:
        ordering = ["-closed_at", "-id"]
        verbose_name = _("closed account")

    def __str__(self) -> str:
        return f"closing of {self.user_id} at {self.closed_at:%Y-%m-%d}"
