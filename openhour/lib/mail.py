"""Every e-mail the market sends: one branded layout (templates/email/base.html and base.txt) in HTML and plain
text, with the brand operators set and links to SITE_URL; and the file-per-message backend used by default."""

import re
from collections.abc import Sequence
from contextlib import nullcontext
from datetime import UTC, datetime
from email.utils import formataddr, parseaddr
from pathlib import Path
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.functional import Promise

from openhour.lib.i18n import read_by
from openhour.lib.web import absolute_url


def email_context() -> dict[str, Any]:
    """What the layout needs: the brand (name, colour, logo, support address, footer links) and SITE_URL."""
    from openhour.operations.branding import mail_context  # read when sending: lib imports no models on load

    found = mail_context()
    logo = found["brand"].logo_url
    return {**found, "site_url": settings.SITE_URL, "logo_src": absolute_url(logo) if logo else ""}


def sender() -> str:
    """DEFAULT_FROM_EMAIL's address under the market's name as operators set it, so inboxes show the brand."""
    from openhour.operations.branding import brand

    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((brand().name, address)) if address else settings.DEFAULT_FROM_EMAIL


def tidy_text(text: str) -> str:
    """A plain-text body without the blank runs that template tags leave: one empty line between paragraphs."""
    return re.sub(r"\n[ \t]*(\n[ \t]*)+\n", "\n\n", text).strip() + "\n"


def mail_render(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """`<template>.txt` and `<template>.html` with the brand, in the active language and time zone: the
    caller's `read_by(recipient)` (see mail_build)."""
    full = {**email_context(), **context}
    text = tidy_text(render_to_string(f"{template}.txt", full))
    html = render_to_string(f"{template}.html", full)
    return text, html


def mail_build(
    *,
    subject: str | Promise,
    template: str,
    context: dict[str, Any],
    to: Sequence[str],
    reader: Any,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """One message with a plain-text body and its HTML alternative, written as `reader` reads: their language and
    time zone (a worker has no request to take them from, and a sender's are not the recipient's). `reader` is
    the person it is for, or None for an address with no account (the active language then). Build the subject
    inside `read_by(reader)` too, or pass it lazily."""
    with read_by(reader) if reader is not None else nullcontext():
        text, html = mail_render(template, context)
        message = EmailMultiAlternatives(
            subject=str(subject), body=text, from_email=sender(), to=list(to), headers=headers
        )
    message.attach_alternative(html, "text/html")
    return message


def mail_send_on_commit(
    *, subject: str | Promise, template: str, context: dict[str, Any], to: Sequence[str], reader: Any
) -> None:
    """Rendered now, as `reader` reads (see mail_build), sent once the transaction commits (nothing is announced
    that was rolled back); a refusing mail server does not undo the work."""
    message = mail_build(subject=subject, template=template, context=context, to=to, reader=reader)
    transaction.on_commit(message.send, robust=True)


class FilePerMessageBackend(BaseEmailBackend):
    """Write each outgoing message to its own `.eml` file under EMAIL_FILE_PATH (the embedded default)."""

    def __init__(self, *args: Any, file_path: str | None = None, **kwargs: Any) -> None:
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.directory = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages: list[EmailMessage]) -> int:  # type: ignore[override]
        self.directory.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{datetime.now(UTC):%Y%m%d-%H%M%S-%f}-{uuid4().hex[:8]}.eml"
            (self.directory / name).write_bytes(message.message().as_bytes())
        return len(email_messages)
