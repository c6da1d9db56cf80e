from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from openhour.catalog.models import Skill
from openhour.lib.money import Currency


class Role(models.TextChoices):
    CLIENT = "client", _("Client: I want to hire")
    FREELANCER = "freelancer", _("Freelancer: I want to work")


class User(AbstractUser):
    """A person on the marketplace. One person may be a client, a freelancer, or both."""

    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    name = models.CharField(_("name"), max_length=120)
    is_client = models.BooleanField(_("client"), default=False)
    is_freelancer = models.BooleanField(_("freelancer"), default=False)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency, default=Currency.GBP)
    # What the person reads in. Empty: the browser's language and the site's time zone, until they choose.
    language = models.CharField(_("language"), max_length=10, blank=True, db_default="")
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True, db_default="")
    # When the person closed their account (openhour/accounts/closing): what they wrote stays, "by a former member".
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)

    REQUIRED_FIELDS = ["email", "name"]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~models.Q(email=""), name="user_email_ci_unique"),
        ]
        indexes = [  # the freelancer list sorted by newest
            models.Index(models.F("date_joined").desc(), models.F("id").desc(), name="user_newest"),
        ]

    def __str__(self) -> str:
        return self.name or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A new user gets their profile in the same call, however they are made (sign-up, admin, createsuperuser,
        a seed or the shell): every user has one from the start."""
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:
            Profile.objects.get_or_create(user=self)

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.username

    @property
    def roles(self) -> list[str]:
        return [role for role, held in (("client", self.is_client), ("freelancer", self.is_freelancer)) if held]


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available for new work")
    LIMITED = "limited", _("Limited availability")
    UNAVAILABLE = "unavailable", _("Not taking new work")


class CompanySize(models.TextChoices):
    SOLO = "1", _("Just me")
    SMALL = "2-10", _("2–10 people")
    MEDIUM = "11-50", _("11–50 people")
    LARGE = "51-200", _("51–200 people")
    ENTERPRISE = "200+", _("More than 200 people")


def _photo_path(profile: "Profile", filename: str) -> str:
    return f"photos/{filename}"


def _portfolio_path(item: "PortfolioItem", filename: str) -> str:
    return f"portfolio/{filename}"


class Profile(models.Model):
    """What others see of a person. Freelancer fields and client (company) fields live side by side,
    because one person may hold both roles."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, primary_key=True, related_name="profile")
    photo = models.ImageField(_("photo"), upload_to=_photo_path, blank=True)
    headline = models.CharField(_("headline"), max_length=120, blank=True)
    bio = models.TextField(_("bio"), max_length=5000, blank=True)
    country = CountryField(_("country"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # Freelancer
    skills = models.ManyToManyField(Skill, blank=True, related_name="profiles", verbose_name=_("skills"))
    hourly_rate = models.BigIntegerField(_("hourly rate (minor units)"), null=True, blank=True)
    rate_currency = models.CharField(_("rate currency"), max_length=3, choices=Currency, default=Currency.GBP)
    availability = models.CharField(
        _("availability"), max_length=12, choices=Availability, default=Availability.AVAILABLE
    )
    # Client
    company_name = models.CharField(_("company name"), max_length=120, blank=True)
    company_size = models.CharField(_("company size"), max_length=8, choices=CompanySize, blank=True)
    website = models.URLField(_("website"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The stored freelancer reputation (openhour.reviews.scoring writes it with the Reputation row), so "Best
    # rated" walks one index of profiles instead of sorting every freelancer.
    freelancer_score = models.DecimalField(max_digits=4, decimal_places=2, null=True, editable=False)
    freelancer_reviews = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hourly_rate__isnull=True) | models.Q(hourly_rate__gte=100),
                name="profile_hourly_rate_at_least_one_unit",
            ),
        ]
        indexes = [  # the orders of the freelancer list (accounts.selectors._ordered)
            models.Index(models.F("updated_at").desc(), models.F("user").desc(), name="profile_recently_updated"),
            models.Index("hourly_rate", "user", name="profile_by_rate"),
            models.Index(models.F("hourly_rate").desc(), "user", name="profile_by_rate_desc"),
            models.Index(
                models.F("freelancer_score").desc(),
                models.F("freelancer_reviews").desc(),
                models.F("updated_at").desc(),
                models.F("user").desc(),
                name="profile_best_rated",
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"


class PortfolioItem(models.Model):
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="portfolio", verbose_name=_("owner"))
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    image = models.ImageField(_("image"), upload_to=_portfolio_path)
    link = models.URLField(_("link"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("portfolio item")

    def __str__(self) -> str:
        return self.title


class AccessToken(models.Model):
    """A personal access token for the API. Only a SHA-256 digest is stored: the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_tokens")
    label = models.CharField(_("label"), max_length=80)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.label} ({self.prefix}…)"
