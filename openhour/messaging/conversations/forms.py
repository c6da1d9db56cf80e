"""The send form on a conversation page: the text, what it is about, and files."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MessageForm(forms.Form):
    """Shown and re-shown with errors; the service does the checking (length, files, what it is about)."""

    text = forms.CharField(
        label=_("Your message"), required=False, widget=forms.Textarea({"rows": 4, "maxlength": 5000})
    )
    about = forms.ChoiceField(label=pgettext_lazy("what a conversation is about", "About"), required=False, choices=[])
    attachments = forms.FileField(
        label=_("Files (optional)"),
        required=False,
        widget=MultipleFileInput(),
        help_text=_(
            "Up to 10 files: PDF, images, ZIP, Office documents or plain text. Only the two of you can open them."
        ),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["about"]
        field.choices = [("", _("Nothing in particular")), *choices]  # type: ignore[attr-defined]
        if len(choices) == 0:
            field.widget = forms.HiddenInput()
