"""Reviews in the admin: to read, including the private notes written to the platform. Nothing is edited here:
reviews change only through their services, which record every step."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from openhour.reviews.models import Reply, Review, ReviewEvent, ReviewRound


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    can_delete = False
    readonly_fields = ["actor", "by", "action", "from_status", "to_status", "note", "created_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Review)
class ReviewAdmin(ReadOnly):
    list_display = ["pk", "author", "subject", "author_role", "overall", "status", "published_at"]
    list_filter = ["status", "author_role", "overall"]
    search_fields = ["author__username", "subject__username", "went_well", "could_improve", "private_note"]
    inlines = [EventInline]


@admin.register(ReviewRound)
class ReviewRoundAdmin(ReadOnly):
    list_display = ["pk", "contract", "status", "opened_at", "closes_at", "closed_at"]
    list_filter = ["status"]


@admin.register(Reply)
class ReplyAdmin(ReadOnly):
    list_display = ["pk", "review", "created_at", "updated_at"]
