"""Messaging in the admin, for operators handling reports: reports to filter and close with a written outcome;
blocks, conversations and messages to read only (people's words are never edited here)."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext_lazy, ngettext

from openhour.lib.errors import DomainError
from openhour.messaging.models import Block, Conversation, Message, MessageAttachment, Report
from openhour.messaging.safety.services import TEXT_MAX, report_close


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label=gettext_lazy("Outcome"), max_length=TEXT_MAX, widget=forms.Textarea({"rows": 3}))


@admin.action(description=gettext_lazy("Close the selected reports with an outcome"))
def close_with_outcome(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Report]) -> Any:
    """First shows a page asking for the outcome; the second POST (with `apply`) closes each open report."""
    form = OutcomeForm(request.POST if "apply" in request.POST else None)
    if not form.is_valid():
        context = {
            **modeladmin.admin_site.each_context(request),
            "form": form,
            "reports": queryset,
            "opts": modeladmin.model._meta,
            "action": "close_with_outcome",
        }
        status = 400 if "apply" in request.POST else 200
        return render(request, "messaging/safety/admin_close.html", context, status=status)
    user = request.user
    assert user.is_authenticated  # the admin runs actions for signed-in staff only
    closed = 0
    for report in queryset.filter(status=Report.Status.OPEN):
        try:
            report_close(report_id=report.pk, by=user, outcome=form.cleaned_data["outcome"])
        except DomainError as error:
            modeladmin.message_user(request, f"{report}: {error.message}", messages.WARNING)
        else:
            closed += 1
    modeladmin.message_user(
        request, ngettext("%(n)d report closed.", "%(n)d reports closed.", closed) % {"n": closed}, messages.SUCCESS
    )
    return None


@admin.register(Report)
class ReportAdmin(ReadOnly):
    list_display = ["pk", "created_at", "reason", "person", "reporter", "message", "status", "handled_by"]
    list_filter = ["status", "reason", "created_at"]
    search_fields = ["person__username", "person__name", "reporter__username", "text", "message__text"]
    list_select_related = ["person", "reporter", "message", "handled_by"]
    readonly_fields = [field.name for field in Report._meta.fields]
    actions = [close_with_outcome]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_staff


@admin.register(Block)
class BlockAdmin(ReadOnly):
    list_display = ["pk", "blocker", "blocked", "created_at"]
    search_fields = ["blocker__username", "blocked__username"]
    list_select_related = ["blocker", "blocked"]


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    can_delete = False
    fields = ("created_at", "sender", "text", "masked")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Conversation)
class ConversationAdmin(ReadOnly):
    list_display = ["pk", "first", "second", "created_at", "last_message_at"]
    search_fields = ["first__username", "second__username"]
    list_select_related = ["first", "second"]
    inlines = [MessageInline]


class AttachmentInline(admin.TabularInline):
    model = MessageAttachment
    extra = 0
    can_delete = False
    fields = ("name", "size")  # the file itself stays behind the participants' check
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Message)
class MessageAdmin(ReadOnly):
    list_display = ["pk", "conversation", "sender", "created_at", "masked"]
    search_fields = ["text", "sender__username"]
    list_select_related = ["sender", "conversation"]
    readonly_fields = [field.name for field in Message._meta.fields]
    inlines = [AttachmentInline]
