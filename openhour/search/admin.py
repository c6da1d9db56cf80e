"""The admin pages of projects, Hourlies and people keep their search documents current, as the services do."""

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest

from openhour.search import documents


class SearchDocumentAdmin(admin.ModelAdmin):
    """Mixed into a ModelAdmin of a searchable model: saving (skills and inlines included) or deleting a row
    re-indexes it, so what an operator changes shows in search at once."""

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: list[BaseFormSet[Any]], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        documents.refresh(form.instance)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        kind, pk = documents.kind_of(obj), obj.pk
        super().delete_model(request, obj)
        documents.index(kind, [pk])  # drops a deleted row's document; a deleted profile leaves its user's name

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            kind, ids = documents.kind_of(queryset.model), list(queryset.values_list("pk", flat=True))
            super().delete_queryset(request, queryset)
            documents.index(kind, ids)
