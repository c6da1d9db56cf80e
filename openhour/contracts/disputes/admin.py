"""Disputes in the admin: to read. Decisions are made on the dispute page, which checks and records them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from openhour.contracts.disputes.models import Dispute, DisputeEvent, DisputeStatement


class EventInline(admin.TabularInline):
    model = DisputeEvent
    extra = 0
    can_delete = False
    readonly_fields = ["actor", "by", "action", "from_status", "to_status", "note", "created_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StatementInline(admin.TabularInline):
    model = DisputeStatement
    extra = 0
    can_delete = False
    readonly_fields = ["author", "role", "text", "created_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = ["pk", "milestone", "opener_role", "status", "held", "release", "created_at"]
    list_filter = ["status"]
    search_fields = ["milestone__title", "milestone__contract__title", "reason"]
    readonly_fields = [field.name for field in Dispute._meta.fields]
    inlines = [StatementInline, EventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
