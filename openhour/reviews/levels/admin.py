"""Levels in the admin, to read: they change only by the rules (services), never by hand, so nobody can award one."""

from django.contrib import admin

from openhour.reviews.admin import ReadOnly
from openhour.reviews.levels.models import FreelancerLevel, LevelChange


@admin.register(FreelancerLevel)
class FreelancerLevelAdmin(ReadOnly):
    list_display = ["user", "level", "since", "checked_at"]
    list_filter = ["level"]
    search_fields = ["user__username", "user__name"]


@admin.register(LevelChange)
class LevelChangeAdmin(ReadOnly):
    list_display = ["user", "from_level", "to_level", "created_at"]
    list_filter = ["to_level", "from_level"]
    search_fields = ["user__username", "user__name"]
