"""The brand in the admin: one page (Running the market → Brand) where operators set the market's name, logo,
colours, footer links and support address. There is nothing to add or delete: the one row always exists."""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openhour.lib.errors import InvalidInput
from openhour.lib.images import clean_image
from openhour.lib.web import AuthenticatedHttpRequest
from openhour.lib.wording import WordingsAdmin, WordingsForm
from openhour.operations.branding import brand_forget
from openhour.operations.models import Brand, BrandLink
from openhour.operations.services import brand_open, brand_save

LOGO_MAX_SIDE = 512  # shown 2.5rem high in the header; twice that for sharp screens, with room for wide logos
MAX_LINKS = 8


class BrandForm(forms.ModelForm):
    class Meta:
        model = Brand
        fields = ["name", "logo", "primary_colour", "accent_colour", "support_email"]
        widgets = {
            "primary_colour": forms.TextInput(attrs={"placeholder": "#007a50", "size": 8}),
            "accent_colour": forms.TextInput(attrs={"placeholder": "#525f7a", "size": 8}),
        }

    def clean_logo(self) -> Any:
        """A new upload is sniffed and re-encoded under a random name, as profile photos are."""
        logo = self.cleaned_data.get("logo")
        if not isinstance(logo, UploadedFile):
            return logo  # unchanged, or cleared
        try:
            return clean_image(logo, field="logo", max_side=LOGO_MAX_SIDE)
        except InvalidInput as error:
            raise ValidationError(error.message) from None


class BrandLinkForm(WordingsForm):
    """The label as written, and beside it the label in each site language."""

    wordings = {"labels": "label"}


class BrandLinkInline(WordingsAdmin, admin.TabularInline):
    model = BrandLink
    form = BrandLinkForm
    extra = 1
    max_num = MAX_LINKS


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    form = BrandForm
    inlines = [BrandLinkInline]
    fieldsets = [
        (None, {"fields": ["name", "logo"]}),
        (_("Colours"), {"fields": ["primary_colour", "accent_colour"]}),
        (_("Contact"), {"fields": ["support_email"]}),
    ]

    def changelist_view(  # type: ignore[override]
        self, request: AuthenticatedHttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """There is one brand: its list is its page, made the first time an operator opens it."""
        if not self.has_change_permission(request):
            return super().changelist_view(request, extra_context)  # Django's own refusal
        return HttpResponseRedirect(reverse("admin:operations_brand_change", args=[brand_open(by=request.user).pk]))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: AuthenticatedHttpRequest, obj: Brand, form: Any, change: bool) -> None:  # type: ignore[override]
        brand_save(brand=obj, by=request.user)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        brand_forget()  # the footer links are saved after the brand itself


# The Site row follows SITE_URL and SITE_NAME on each migrate (operations/site_address.py): edits would not last.
admin.site.unregister(Site)
