from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from openhour.catalog.models import (
    Category,
    Hourlie,
    HourlieEvent,
    HourlieExtra,
    HourliePackage,
    Order,
    OrderEvent,
    Skill,
)
from openhour.lib.money import format_money
from openhour.lib.wording import WordingsAdmin, WordingsForm
from openhour.search.admin import SearchDocumentAdmin


@admin.display(description=_("in your language"))
def read_as(row: Category | Skill) -> str:
    """What people reading in the operator's own language see, to check a wording at a glance."""
    return row.label


class CategoryForm(WordingsForm):
    """The English name and description, and beside them the operator's wording in each site language."""

    wordings = {"names": "name", "descriptions": "description"}


class SkillForm(WordingsForm):
    wordings = {"names": "name"}


class SkillInline(WordingsAdmin, admin.TabularInline):
    model = Skill
    form = SkillForm
    prepopulated_fields = {"slug": ("name",)}
    extra = 1


@admin.register(Category)
class CategoryAdmin(WordingsAdmin, admin.ModelAdmin):
    form = CategoryForm
    list_display = ["name", read_as, "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "skills__name"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [SkillInline]


@admin.register(Skill)
class SkillAdmin(WordingsAdmin, admin.ModelAdmin):
    form = SkillForm
    list_display = ["name", read_as, "category", "slug"]
    list_filter = ["category"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


class HourliePackageInline(admin.TabularInline):
    model = HourliePackage
    fields = ["position", "name", "price", "delivery_days", "revisions", "description"]
    extra = 0


class HourlieExtraInline(admin.TabularInline):
    model = HourlieExtra
    fields = ["position", "title", "price", "extra_days"]
    extra = 0


class ReadOnlyEvents(admin.TabularInline):
    """History is written by the process code only: operators read it here, never edit it."""

    extra = 0
    can_delete = False
    fields = ("created_at", "action", "from_status", "to_status", "actor", "by", "note")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class HourlieEventInline(ReadOnlyEvents):
    model = HourlieEvent


class OrderEventInline(ReadOnlyEvents):
    model = OrderEvent


@admin.register(Hourlie)
class HourlieAdmin(SearchDocumentAdmin):
    list_display = ["title", "freelancer", "category", "currency", "status", "created_at"]
    list_filter = ["status", "category", "currency"]
    search_fields = ["title", "description", "freelancer__username", "freelancer__name"]
    list_select_related = ["freelancer", "category"]
    autocomplete_fields = ["freelancer", "skills"]
    readonly_fields = ["status", "created_at", "updated_at"]
    inlines = [HourliePackageInline, HourlieExtraInline, HourlieEventInline]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["__str__", "client", "total_display", "status", "created_at"]
    list_filter = ["status", "currency"]
    search_fields = ["hourlie__title", "client__username", "client__name"]
    list_select_related = ["client", "hourlie"]
    readonly_fields = [
        "hourlie",
        "package",
        "extras",
        "client",
        "requirements",
        "total",
        "currency",
        "delivery_days",
        "contract",
        "status",
        "created_at",
        "updated_at",
    ]
    inlines = [OrderEventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # orders are placed by clients, through the service

    @admin.display(description=_("total"), ordering="total")
    def total_display(self, order: Order) -> str:
        return format_money(order.total, order.currency)
