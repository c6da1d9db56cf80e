"""The tax details a freelancer gives once their earnings come near the reporting thresholds (DAC7)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class TaxDetails(models.Model):
    """One row per seller; written only by `services.tax_details_save`, which checks it is complete."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("An individual")
        ENTITY = "entity", _("A company or other entity")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="tax_details"
    )
    kind = models.CharField(_("you sell as"), max_length=12, choices=Kind, default=Kind.INDIVIDUAL)
    first_name = models.CharField(_("first names"), max_length=120, blank=True)  # individuals
    last_name = models.CharField(_("last name"), max_length=120, blank=True)  # individuals
    entity_name = models.CharField(_("registered name"), max_length=200, blank=True)  # entities
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)  # individuals
    street = models.CharField(_("street and number"), max_length=200)
    city = models.CharField(_("town or city"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    country = CountryField(_("country of residence"))
    tin = models.CharField(_("tax identification number"), max_length=40)
    tin_country = CountryField(_("country that issued it"))
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    registration_number = models.CharField(_("business registration number"), max_length=40, blank=True)  # entities
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tax details")
        verbose_name_plural = _("tax details")

    def __str__(self) -> str:
        return self.legal_name

    @property
    def legal_name(self) -> str:
        if self.kind == self.Kind.ENTITY:
            return self.entity_name
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def address_line(self) -> str:
        return ", ".join(part for part in (self.street, f"{self.postcode} {self.city}".strip()) if part)
