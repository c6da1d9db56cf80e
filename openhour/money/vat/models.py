"""A person's billing details (who the platform's fee invoices are made out to) and the VAT rates of countries."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class BillingDetails(models.Model):
    """One per person, written only by its owner. The VAT rules read it when a fee invoice is issued; the
    invoice keeps its own copy, so later changes never alter a document already issued."""

    class Kind(models.TextChoices):
        CONSUMER = "consumer", _("A private person")
        BUSINESS = "business", _("A business")

    class Check(models.TextChoices):
        NONE = "", _("No VAT number")
        FORMAT = "format", _("Format checked")  # no registry asked (lookup off, or a country VIES does not cover)
        CONFIRMED = "confirmed", _("Confirmed by VIES")
        UNCONFIRMED = "unconfirmed", _("Format checked; VIES could not be reached")

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="billing_details")
    kind = models.CharField(_("billing as"), max_length=8, choices=Kind, default=Kind.CONSUMER)
    legal_name = models.CharField(_("legal or company name"), max_length=200, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)  # compact, with its country prefix
    vat_check = models.CharField(_("VAT number check"), max_length=12, choices=Check, blank=True, default="")
    country = CountryField(_("country"))
    address = models.TextField(_("address"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("billing details")
        verbose_name_plural = _("billing details")

    def __str__(self) -> str:
        return self.legal_name or str(self.person_id)


class VatRate(models.Model):
    """A country's standard VAT rate from a date on: consumers are charged it when the operator turns on
    VAT_CONSUMER_COUNTRY_RATES. Edited in the admin; a change gets a new row, so earlier rates stay known."""

    country = CountryField(_("country"))
    percent = models.DecimalField(_("standard rate (%)"), max_digits=5, decimal_places=2)
    valid_from = models.DateField(_("valid from"))

    class Meta:
        ordering = ["country", "-valid_from"]
        verbose_name = _("VAT rate")
        verbose_name_plural = _("VAT rates")
        constraints = [
            models.UniqueConstraint(fields=["country", "valid_from"], name="one_vat_rate_per_country_and_day"),
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lt=100), name="vat_rate_percent_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.percent}% ({self.valid_from})"
