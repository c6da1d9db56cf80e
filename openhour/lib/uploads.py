"""Django's upload handlers, with the original file name cleaned as it arrives: every upload (pages and API,
photos, portfolio, attachments, deliveries, evidence) is stored and shown under a name without folders,
control, bidi or zero-width characters (openhour/lib/text_hygiene.py `clean_file_name`)."""

from typing import Any

from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler

from openhour.lib.text_hygiene import clean_file_name


class CleanNameMemoryFileUploadHandler(MemoryFileUploadHandler):
    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, clean_file_name(file_name), *args, **kwargs)


class CleanNameTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, clean_file_name(file_name), *args, **kwargs)
