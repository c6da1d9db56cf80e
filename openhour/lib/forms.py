from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.http import QueryDict
from django.utils.translation import gettext as _

from openhour.lib.errors import InvalidInput
from openhour.lib.money import parse_amount
from openhour.lib.text_hygiene import CONTROL_MESSAGE, clean_name, has_control_characters


class FormRenderer(TemplatesSetting):
    """Render every form field through one accessible component (label, help, errors)."""

    field_template_name = "components/field.html"


class CheckedPost(QueryDict):
    """A page's POST data holding control characters: a view that reads a refused field itself (not through a
    form) gets InvalidInput naming it, so nothing stores it; forms get the plain data and report a field error."""

    refused: dict[str, list[str]]
    unchecked: QueryDict

    def __getitem__(self, key: str) -> Any:
        self._check(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._check(key)
        return super().get(key, default)

    def getlist(self, key: str, default: Any = None) -> list[Any]:
        self._check(key)
        return super().getlist(key, default)

    def _check(self, key: str) -> None:
        if key in self.refused:
            raise InvalidInput(_("Please correct the fields listed."), fields={key: self.refused[key]})


def checked_post(post: QueryDict) -> QueryDict:
    """`post` itself when every value is clean, otherwise a CheckedPost over the same values."""
    refused = {key: [CONTROL_MESSAGE] for key, values in post.lists() if any(map(has_control_characters, values))}
    if not refused:
        return post
    checked = CheckedPost(mutable=True, encoding=post.encoding)
    for key, values in post.lists():
        checked.setlist(key, values)
    checked._mutable = False
    checked.refused, checked.unchecked = refused, post
    return checked


def install_text_rules() -> None:
    """Every form's text fields (ours, allauth's, the admin's) follow openhour/lib/text_hygiene.py: control
    characters are a field error, and single-line text inputs (names, titles) lose bidi and zero-width
    characters. Done once at start-up on Django's CharField, so no form can forget it."""
    if getattr(forms.CharField.to_python, "text_rules", False):
        return
    plain_to_python, plain_init = forms.CharField.to_python, forms.BaseForm.__init__

    def to_python(self: forms.CharField, value: Any) -> Any:
        text = plain_to_python(self, value)
        # Passwords are hashed and never shown: Django already refuses their NUL, nothing more to do.
        if not isinstance(text, str) or isinstance(self.widget, forms.PasswordInput):
            return text
        if has_control_characters(text):
            raise ValidationError(CONTROL_MESSAGE, code="control_characters")
        return clean_name(text) if getattr(self.widget, "input_type", "") == "text" else text

    def init(self: forms.BaseForm, data: Any = None, *args: Any, **kwargs: Any) -> None:
        plain_init(self, data.unchecked if isinstance(data, CheckedPost) else data, *args, **kwargs)

    to_python.text_rules = True  # type: ignore[attr-defined]
    forms.CharField.to_python = to_python  # type: ignore[method-assign]
    forms.BaseForm.__init__ = init  # type: ignore[method-assign]


def install_locale_amounts() -> None:
    """Every decimal field (amounts, rates) reads what a person types in their language, "1 234,50" in French
    or "1.234,50" in German, and still the dot everyone types ("1234.50"). Done once on Django's DecimalField,
    like the text rules, so every form, ours and the admin's, reads amounts the same way."""
    if getattr(forms.DecimalField.to_python, "locale_amounts", False):
        return
    plain_to_python = forms.DecimalField.to_python

    def to_python(self: forms.DecimalField, value: Any) -> Any:
        if not isinstance(value, str) or value.strip() in self.empty_values:
            return plain_to_python(self, value)
        try:
            return parse_amount(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    to_python.locale_amounts = True  # type: ignore[attr-defined]
    forms.DecimalField.to_python = to_python  # type: ignore[method-assign]
