from typing import Any

from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from openhour.accounts.access import Reason, credentials_changed
from openhour.accounts.models import AccessToken, PortfolioItem, Profile, User
from openhour.accounts.privacy.log import admin_record_opened
from openhour.lib.ids import pk_or_none
from openhour.search.admin import SearchDocumentAdmin

HTTPS_URLS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}  # "example.com" typed in means https://


class VerifiedFilter(admin.SimpleListFilter):
    title = _("e-mail verified")
    parameter_name = "verified"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", str(_("Yes"))), ("no", str(_("No")))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> QuerySet[User]:
        verified = Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True))
        if self.value() == "yes":
            return queryset.filter(verified)
        if self.value() == "no":
            return queryset.exclude(verified)
        return queryset


class ProfileInline(admin.StackedInline):
    formfield_overrides = HTTPS_URLS
    model = Profile
    can_delete = False
    autocomplete_fields = ["skills"]


class PortfolioInline(admin.TabularInline):
    formfield_overrides = HTTPS_URLS
    model = PortfolioItem
    extra = 0
    fields = ["title", "link", "position", "image"]


@admin.register(User)
class UserAdmin(SearchDocumentAdmin, DjangoUserAdmin):
    list_display = ["username", "name", "email", "is_client", "is_freelancer", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_client", "is_freelancer", VerifiedFilter, "is_staff", "is_active", "profile__country"]
    search_fields = ["username", "name", "email", "profile__headline", "profile__company_name"]
    ordering = ["-date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["name", "email", "currency", "is_client", "is_freelancer"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["username", "name", "email", "password1", "password2"]})]
    inlines = [ProfileInline, PortfolioInline]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Opening a person's record is written to the personal-data access log."""
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            admin_record_opened(request=request, object_id=object_id)
        return response

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        """A password an operator sets ends the person's sessions and tokens, as their own change would."""
        pk = pk_or_none(unquote(id))
        before = User.objects.filter(pk=pk).values_list("password", flat=True).first() if pk else None
        response = super().user_change_password(request, id, form_url)
        user = User.objects.filter(pk=pk).first() if pk and request.method == "POST" else None
        if user is not None and user.password != before:
            credentials_changed(user=user, request=request, reason=Reason.PASSWORD_SET_BY_OPERATOR)
        return response


@admin.register(Profile)
class ProfileAdmin(SearchDocumentAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["user", "headline", "country", "availability", "hourly_rate", "rate_currency", "updated_at"]
    list_filter = ["availability", "rate_currency", "country", "company_size", "skills__category"]
    search_fields = ["user__username", "user__name", "headline", "bio", "company_name"]
    autocomplete_fields = ["skills"]
    list_select_related = ["user"]


@admin.register(PortfolioItem)
class PortfolioItemAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "owner", "position", "created_at"]
    search_fields = ["title", "description", "owner__username"]
    list_select_related = ["owner"]


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):
    list_display = ["label", "user", "prefix", "created_at", "last_used_at"]
    search_fields = ["label", "user__username", "prefix"]
    readonly_fields = ["digest", "prefix", "created_at", "last_used_at"]
    list_select_related = ["user"]
