"""Pages for messages: the inbox, one conversation's work stream with its send form, the polled fragment
that brings new messages without a reload, and private attachments."""

import json
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from openhour.lib import private_files
from openhour.lib.errors import DomainError, NotFound
from openhour.lib.pagination import BadCursor, paginate
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.messaging.conversations import selectors, services
from openhour.messaging.conversations.about import about_choices
from openhour.messaging.conversations.forms import MessageForm
from openhour.messaging.conversations.masking import have_contract
from openhour.messaging.models import Conversation

INBOX_PAGE = 30


@login_required
@require_GET
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A keyset page (a deep one costs what the first does, and nothing counts all my conversations); an old
    `?page=N` link, or a cursor we did not give out, shows the first page."""
    rows = selectors.inbox(user=request.user)
    try:
        page = paginate(rows, cursor=request.GET.get("cursor"), size=INBOX_PAGE)
    except BadCursor:
        page = paginate(rows, cursor=None, size=INBOX_PAGE)
    conversations = selectors.with_other(page.rows, request.user)
    return render(request, "messaging/conversations/inbox.html", {"page": page, "conversations": conversations})


@login_required
@require_GET
def conversation_with(request: AuthenticatedHttpRequest, username: str) -> HttpResponse:
    """Open (making it if needed) the conversation with this person, about the thing named in `?about=`."""
    other = services.recipient(username=username)
    conversation = services.conversation_with(user=request.user, other=other)
    url = reverse("conversation", args=[conversation.pk])
    about = request.GET.get("about", "")
    return redirect(f"{url}?{urlencode({'about': about})}" if about else url)


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request: AuthenticatedHttpRequest, conversation_id: int) -> HttpResponse:
    """The work stream; a POST sends a message (text, what it is about, files) and comes back here."""
    me = request.user
    found = services.conversation_of(conversation_id=conversation_id, user=me)
    choices = about_choices(found.first, found.second)
    if request.method != "POST":
        services.conversation_read(conversation=found, user=me)
        initial = {"about": request.GET.get("about", "")} if request.GET.get("about") in dict(choices) else {}
        return _page(request, found, MessageForm(initial=initial, choices=choices))
    form = MessageForm(request.POST, choices=choices)
    try:
        sent = services.message_send(
            conversation_id=found.pk,
            by=me,
            text=request.POST.get("text", ""),
            files=request.FILES.getlist("attachments"),
            about=request.POST.get("about") or None,
        )
    except DomainError as error:
        if error.status == 404:
            raise
        add_domain_error(form, error)
        return _page(request, found, form, status=error.status)
    return redirect(f"{reverse('conversation', args=[found.pk])}#message-{sent.pk}")


def _page(request: AuthenticatedHttpRequest, found: Conversation, form: MessageForm, status: int = 200) -> HttpResponse:
    me = request.user
    other = services.other_of(found, me)
    masking = settings.MESSAGE_MASKING and not have_contract(me, other)
    context = {"conversation": found, "other": other, "form": form, "masking": masking} | _stream(request, found)
    return render(request, "messaging/conversations/conversation.html", context, status=status)


def _stream(request: AuthenticatedHttpRequest, found: Conversation) -> dict[str, Any]:
    etag = selectors.poll_stamp(conversation_id=found.pk, user=request.user) or ""
    everything = request.GET.get("all") == "1"
    stream = selectors.work_stream(conversation=found, everything=everything)
    return {
        "items": stream.items,
        "earlier": stream.earlier,
        "everything": everything,
        "etag": etag,
        "me": request.user,
        "poll_headers": json.dumps({"If-None-Match": etag}),
    }


@login_required
@require_GET
def conversation_stream(request: AuthenticatedHttpRequest, conversation_id: int) -> HttpResponse:
    """The work stream alone, polled by the open page: 304 (one small query) while nothing changed."""
    etag = selectors.poll_stamp(conversation_id=conversation_id, user=request.user)
    if etag is None:
        raise NotFound(_("No such conversation."))
    if etag in request.headers.get("If-None-Match", ""):
        unchanged = HttpResponseNotModified()
        unchanged["ETag"] = etag
        unchanged["HX-Reswap"] = "none"  # keep what is on the page
        return unchanged
    found = services.conversation_of(conversation_id=conversation_id, user=request.user)
    services.conversation_read(conversation=found, user=request.user)  # it is on the person's screen now
    stream = _stream(request, found)
    response = render(request, "messaging/conversations/_stream.html", {"conversation": found, "oob": True} | stream)
    response["ETag"] = stream["etag"]
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_GET
def attachment(request: AuthenticatedHttpRequest, file_id: int) -> HttpResponseBase:
    """A message's file, for the conversation's two people only, always as a download."""
    return private_files.serve_found(selectors.attachment_for(file_id=file_id, user=request.user))
