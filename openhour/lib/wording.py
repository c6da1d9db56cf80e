"""Operators' wording of a text per language. A row keeps its one canonical text (the name that queries, slugs and
the API use) and, beside it, a JSON object of how the operator wants it read in each language:
`{"fr": "Création de logo", "de": "Logo-Design"}`. People read the wording for their language when there is one,
else the catalogue's translation, else the text itself."""

import unicodedata
from collections.abc import Callable, Mapping
from typing import Any, cast

from django import forms
from django.conf import settings
from django.db import models
from django.forms.models import ModelFormMetaclass
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def folded(text: str) -> str:
    """Lower case without accents, for comparing what people type: "Übersetzung" -> "ubersetzung"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def reading_order(text: str) -> tuple[str, str]:
    """A sort key that files "Écosse" with the E's and "Österreich" with the O's, as readers of French and German
    expect, rather than after "Z" as code points would."""
    return (folded(text), text)


def wording_for(wordings: Mapping[str, Any] | None, language: str | None = None) -> str:
    """The operator's wording for `language` (the active one by default), "" when they wrote none.
    "fr-ca" reads the "fr" wording when there is no Canadian one."""
    if not wordings:
        return ""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    for candidate in (code, code.split("-")[0]):
        found = wordings.get(candidate)
        if isinstance(found, str) and found.strip():
            return found.strip()
    return ""


def worded(wordings: Mapping[str, Any] | None, text: str, translate: Callable[[str], str] | None = None) -> str:
    """What a person reads: the operator's wording, else `translate(text)` (a catalogue look-up), else the text."""
    if found := wording_for(wordings):
        return found
    if text and translate is not None:
        return translate(text)  # an empty msgid would give the catalogue's header, never a name
    return text


def wording_field_name(field: str, code: str) -> str:
    return f"{field}__{code.replace('-', '_')}"


class WordingsForm(forms.ModelForm):
    """A model form with one text box per language in settings.LANGUAGES for each JSON field named in
    `wordings` (JSON field -> the text field it rewords). The boxes are made by `with_languages()` when the form
    is asked for, so a language added to the settings gets its box without code. An empty box means "use the
    catalogue's translation"."""

    wordings: dict[str, str] = {}

    @classmethod
    def with_languages(cls, model: type[models.Model]) -> type["WordingsForm"]:
        boxes: dict[str, forms.Field] = {}
        for field, source in cls.wordings.items():
            text_field = model._meta.get_field(source)
            for code, language_name in settings.LANGUAGES:
                boxes[wording_field_name(field, code)] = forms.CharField(
                    label=_("%(field)s in %(language)s")
                    % {"field": getattr(text_field, "verbose_name", source), "language": language_name},
                    required=False,
                    max_length=getattr(text_field, "max_length", None),
                    help_text=_(
                        "Empty: the translation that ships with openhour, if there is one, else the text above."
                    ),
                )
        made = ModelFormMetaclass(f"{cls.__name__}WithLanguages", (cls,), boxes)
        return cast(type[WordingsForm], made)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.wordings:
            stored = getattr(self.instance, field, None) or {}
            for code, _name in settings.LANGUAGES:
                box = self.fields.get(wording_field_name(field, code))
                if box is not None:
                    box.initial = stored.get(code, "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for field in self.wordings:
            kept = dict(getattr(self.instance, field, None) or {})  # a language no longer offered keeps its text
            for code, _name in settings.LANGUAGES:
                name = wording_field_name(field, code)
                if name not in self.fields:
                    continue
                text = (cleaned.get(name) or "").strip()
                if text:
                    kept[code] = text
                else:
                    kept.pop(code, None)
            setattr(self.instance, field, kept)
        return cleaned


class WordingsAdmin:
    """For a ModelAdmin or an inline whose `form` is a WordingsForm: the form is made with today's LANGUAGES."""

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs["form"] = self.form.with_languages(self.model)  # type: ignore[attr-defined]
        return super().get_form(request, obj, change, **kwargs)  # type: ignore[misc]

    def get_formset(self, request: Any, obj: Any = None, **kwargs: Any) -> Any:
        kwargs["form"] = self.form.with_languages(self.model)  # type: ignore[attr-defined]
        return super().get_formset(request, obj, **kwargs)  # type: ignore[misc]
