from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from openhour.jobs.models import Invitation, Project, ProjectEvent, ProjectTimer
from openhour.lib.money import format_money
from openhour.search.admin import SearchDocumentAdmin


class ReadOnlyInline(admin.TabularInline):
    """History is written by the process code only: operators read it here, never edit it."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ProjectEventInline(ReadOnlyInline):
    model = ProjectEvent
    fields = ["created_at", "action", "from_status", "to_status", "actor", "by", "note"]
    readonly_fields = ["created_at", "action", "from_status", "to_status", "actor", "by", "note"]
    verbose_name = _("event")
    verbose_name_plural = _("events")


class ProjectTimerInline(ReadOnlyInline):
    model = ProjectTimer
    fields = ["action", "due_at", "fired_at", "cancelled_at"]
    readonly_fields = ["action", "due_at", "fired_at", "cancelled_at"]
    verbose_name = _("timer")
    verbose_name_plural = _("timers")


class InvitationInline(ReadOnlyInline):
    model = Invitation
    fields = ["created_at", "freelancer", "invited_by"]
    readonly_fields = ["created_at", "freelancer", "invited_by"]
    verbose_name = _("invitation")
    verbose_name_plural = _("invitations")


@admin.register(Project)
class ProjectAdmin(SearchDocumentAdmin):
    list_display = ["title", "client", "category", "budget", "budget_type", "status", "visibility", "created_at"]
    list_filter = ["status", "visibility", "budget_type", "category", "currency"]
    search_fields = ["title", "description", "client__username", "client__name", "client__email"]
    list_select_related = ["client", "category"]
    autocomplete_fields = ["client", "skills"]
    readonly_fields = ["status", "created_at", "updated_at"]
    date_hierarchy = "created_at"
    inlines = [ProjectEventInline, ProjectTimerInline, InvitationInline]

    @admin.display(description=_("budget"), ordering="budget_max")
    def budget(self, project: Project) -> str:
        low, high = (
            format_money(project.budget_min, project.currency),
            format_money(project.budget_max, project.currency),
        )
        return low if low == high else f"{low}–{high}"
