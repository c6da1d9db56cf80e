"""A form field for several files at once: it only collects them; the service checks kind, content and size."""

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from openhour.messaging.conversations.forms import MultipleFileInput


def _files_help() -> str:
    from openhour.contracts.services.delivery import MAX_FILES  # here: contracts' forms import the job forms

    return _("Up to %(n)s files: PDF, images, ZIP, Office documents or plain text.") % {"n": MAX_FILES}


FILES_HELP = lazy(_files_help, str)()  # in the language of the page that shows it


class FilesField(forms.FileField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(required=False, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        return [file for file in files if file]

    def bound_data(self, data: Any, initial: Any) -> Any:
        return initial  # a browser never gets files back: the form shown again asks for them again
