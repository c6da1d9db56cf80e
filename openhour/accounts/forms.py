from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from openhour.accounts.languages import language_choices
from openhour.accounts.models import Availability, CompanySize, Role, User
from openhour.catalog.forms.taxonomy import TaxonomyFilterForm, skill_choices
from openhour.catalog.models import Category
from openhour.lib.money import Currency


def country_choices() -> list[tuple[str, str]]:
    """Every country, named and sorted in the reader's language; a callable, so it is built when the form is shown
    rather than frozen in whatever language was active when the module was imported."""
    return list(countries)


def profile_country_choices() -> list[tuple[str, str]]:
    return [("", "—"), *country_choices()]


def filter_country_choices() -> list[tuple[str, Any]]:
    return [("", _("Any country")), *country_choices()]


class SignupDetailsForm(forms.Form):
    """The fields openhour adds to allauth's sign-up form (allauth merges them in)."""

    name = forms.CharField(label=_("Your name"), max_length=120, widget=forms.TextInput({"autocomplete": "name"}))
    role = forms.ChoiceField(label=_("I am here as a"), choices=Role.choices, widget=forms.RadioSelect)
    field_order = ["name", "email", "password1", "role", "username"]

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Tell us your name."))
        return name

    def signup(self, request: HttpRequest, user: User) -> None:
        """Required by allauth; name and role were already set by the account adapter's save_user."""


class ProfileForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=120, required=False)
    bio = forms.CharField(
        label=_("Bio"),
        max_length=5000,
        required=False,
        widget=forms.Textarea({"rows": 6}),
        help_text=_("A concise, authentic introduction: who you help, how, and what makes your work yours."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=profile_country_choices, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        required=False,
        widget=forms.SelectMultiple({"size": 6}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    skills = forms.MultipleChoiceField(label=_("Skills"), required=False)
    hourly_rate = forms.DecimalField(
        label=_("Hourly rate"), required=False, min_value=Decimal("1"), max_digits=9, decimal_places=2
    )
    rate_currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    availability = forms.ChoiceField(label=_("Availability"), choices=Availability.choices)
    company_name = forms.CharField(label=_("Company name"), max_length=120, required=False)
    company_size = forms.ChoiceField(label=_("Company size"), choices=[("", "—"), *CompanySize.choices], required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    FREELANCER_ONLY = ("skills", "hourly_rate", "rate_currency", "availability")
    CLIENT_ONLY = ("company_name", "company_size", "website")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories = list(Category.objects.prefetch_related("skills"))
        cast(forms.ChoiceField, self.fields["skills"]).choices = [
            choice for c in self.categories for choice in skill_choices(c)
        ]
        hidden = ([] if user.is_freelancer else list(self.FREELANCER_ONLY)) + (
            [] if user.is_client else list(self.CLIENT_ONLY)
        )
        for name in hidden:
            del self.fields[name]

    def changes(self) -> dict[str, Any]:
        """The cleaned data as `profile_update` keywords (money in minor units)."""
        data = dict(self.cleaned_data)
        if "hourly_rate" in data:
            rate = data["hourly_rate"]
            data["hourly_rate"] = None if rate is None else int((rate * 100).quantize(Decimal(1), ROUND_HALF_UP))
        return data


class PhotoForm(forms.Form):
    file = forms.ImageField(label=_("Photo"), help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB."))


class PortfolioItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea({"rows": 3})
    )
    link = forms.URLField(label=_("Link (optional)"), required=False, assume_scheme="https")
    image = forms.FileField(label=_("Image"), help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB."))


class PortfolioItemEditForm(PortfolioItemForm):
    image = None  # type: ignore[assignment]


class TokenForm(forms.Form):
    label = forms.CharField(
        label=_("Label"), max_length=80, help_text=_("Where you will use it, e.g. “My invoicing script”.")
    )


SORT_CHOICES = [
    ("relevance", _("Recently active")),
    ("rating", _("Best rated")),
    ("rate", _("Rate: low to high")),
    ("-rate", _("Rate: high to low")),
    ("newest", _("Newest")),
]


class FreelancerFilterForm(TaxonomyFilterForm):
    q = forms.CharField(label=_("Search"), required=False)
    country = forms.ChoiceField(label=_("Country"), choices=filter_country_choices, required=False)
    max_rate = forms.DecimalField(label=_("Max hourly rate"), required=False, min_value=Decimal("1"), decimal_places=2)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def search_args(self) -> dict[str, Any]:
        data = self.cleaned_data
        rate = data.get("max_rate")
        return {
            "q": data.get("q") or "",
            "category": data.get("category") or "",
            "skill": data.get("skill") or "",
            "country": data.get("country") or "",
            "max_rate": None if rate is None else int(rate * 100),
            "currency": data.get("currency") or "GBP",
            "sort": data.get("sort") or "relevance",
        }
