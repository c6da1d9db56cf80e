"""Operators write and publish the legal documents here, without a deploy. A published version is only read: a
change is a new version, so what someone accepted stays readable as it was."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from openhour.accounts.legal import services
from openhour.accounts.legal.models import ACCEPTED_DOCUMENTS, Acceptance, LegalTranslation, LegalVersion
from openhour.lib.errors import DomainError


def translation_languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES if code != "en"]


class LegalTranslationForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("language"), choices=translation_languages)

    class Meta:
        model = LegalTranslation
        fields = ["language", "summary", "text"]


class LegalVersionForm(forms.ModelForm):
    publish = forms.BooleanField(
        label=_("Publish when saved"),
        required=False,
        help_text=_(
            "It becomes the current version at once, with the next version number, and can no longer be edited."
        ),
    )

    class Meta:
        model = LegalVersion
        fields = ["document", "requires_acceptance", "summary", "text"]
        widgets = {"summary": forms.Textarea({"rows": 3}), "text": forms.Textarea({"rows": 24})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("requires_acceptance") and data.get("document") not in ACCEPTED_DOCUMENTS:
            self.add_error("requires_acceptance", services.notice_not_accepted())
        return data


def _published(obj: Any) -> bool:
    return isinstance(obj, LegalVersion) and obj.is_published


class LegalTranslationInline(admin.StackedInline):
    model = LegalTranslation
    form = LegalTranslationForm
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _published(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _published(obj) and super().has_delete_permission(request, obj)


@admin.action(description=_("Publish the selected drafts"))
def publish_drafts(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[LegalVersion]) -> None:
    for version in queryset.filter(published_at__isnull=True).order_by("pk"):
        _publish(request, version)


def _publish(request: HttpRequest, version: LegalVersion) -> None:
    try:
        services.version_publish(version=version, by=request.user)  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(version)s is published.") % {"version": version})


@admin.register(LegalVersion)
class LegalVersionAdmin(admin.ModelAdmin):
    form = LegalVersionForm
    inlines = [LegalTranslationInline]
    actions = [publish_drafts]
    list_display = ["document", "number", "published_at", "requires_acceptance", "created_at"]
    list_filter = ["document", "requires_acceptance"]
    readonly_fields = ["number", "published_at", "published_by", "created_by", "created_at"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if _published(obj):
            return ["document", "number", "published_at", "published_by", "requires_acceptance", "summary", "text"]
        return ["document", "requires_acceptance", "summary", "text", "publish"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _published(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: LegalVersion, form: forms.ModelForm, change: bool) -> None:
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # the translations first: they are published too
        if form.cleaned_data.get("publish"):
            _publish(request, form.instance)


@admin.register(Acceptance)
class AcceptanceAdmin(admin.ModelAdmin):
    """Who accepted which version, when, from where: evidence, so only read."""

    list_display = ["user", "document", "version", "accepted_at", "how", "address"]
    list_filter = ["document", "how"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
