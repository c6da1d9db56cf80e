"""Sending: the text with files, about something both people share. Bad input gets a clear error on its
field and stores nothing; a person who blocked the sender refuses (403), and so does an unverified e-mail."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openhour.jobs.tests.proposal_kit import post, send
from openhour.lib.errors import InvalidInput
from openhour.messaging.conversations.services import conversation_with
from openhour.messaging.conversations.tests.kit import PDF, pdf, say
from openhour.messaging.models import Block, Conversation, Message, MessageAttachment, Participant
from openhour.money.tests.kit import contract_between

pytestmark = pytest.mark.django_db


def test_the_pair_has_one_conversation_with_two_sides(clara, fred) -> None:
    first = conversation_with(user=fred, other=clara)
    assert conversation_with(user=clara, other=fred) == first
    assert (first.first_id, first.second_id) == (min(clara.pk, fred.pk), max(clara.pk, fred.pk))
    assert set(Participant.objects.filter(conversation=first).values_list("user_id", flat=True)) == {clara.pk, fred.pk}


def test_a_message_with_a_file_is_sent_from_the_page(clara, fred, client_for) -> None:
    conversation = conversation_with(user=clara, other=fred)
    sent = client_for(clara).post(
        f"/messages/{conversation.pk}", {"text": "  Here is the brief.  ", "attachments": [pdf()]}
    )
    message = Message.objects.get()
    assert sent.status_code == 302 and sent["Location"] == f"/messages/{conversation.pk}#message-{message.pk}"
    assert message.text == "Here is the brief." and message.sender == clara
    stored = message.attachments.get()
    assert stored.name == "brief.pdf" and "brief" not in stored.file.name  # a random name in private storage
    conversation.refresh_from_db()
    assert conversation.last_message_at == message.created_at


@pytest.mark.parametrize(
    ("fields", "files", "problem"),
    [
        ({"text": "   "}, [], "text"),
        ({"text": "x" * 5001}, [], "text"),
        ({"text": "Files"}, [SimpleUploadedFile("run.exe", b"MZ...")], "attachments"),
        ({"text": "Files"}, [SimpleUploadedFile("fake.pdf", b"not a pdf")], "attachments"),
        ({"text": "Files"}, [pdf(f"f{n}.pdf") for n in range(11)], "attachments"),
        ({"text": "About", "about": "contract:999999"}, [], "about"),
        ({"text": "About", "about": "wallet:1"}, [], "about"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_stored(clara, fred, client_for, fields, files, problem):
    conversation = conversation_with(user=clara, other=fred)
    page = client_for(clara).post(f"/messages/{conversation.pk}", {**fields, "attachments": files})
    assert page.status_code == 400
    assert problem in page.context["form"].errors or page.context["form"].non_field_errors()
    api = client_for(clara).post(f"/api/v1/conversations/{conversation.pk}/messages", {**fields, "attachments": files})
    assert api.status_code == 400 and problem in api.json()["error"]["fields"]
    assert not Message.objects.exists() and not MessageAttachment.objects.exists()


def test_someone_who_blocked_you_refuses_your_messages(clara, fred, client_for) -> None:
    say(fred, clara, "Hi Clara")
    conversation = Conversation.objects.get()
    Block.objects.create(blocker=clara, blocked=fred)
    page = client_for(fred).post(f"/messages/{conversation.pk}", {"text": "Hello again?"})
    assert page.status_code == 403 and b"does not accept messages from you" in page.content
    api = client_for(fred).post(f"/api/v1/conversations/{conversation.pk}/messages", {"text": "Hello again?"})
    assert api.status_code == 403 and api.json()["error"]["code"] == "blocked"
    started = client_for(fred).post("/api/v1/conversations", {"to": "clara", "text": "Hi"}, "application/json")
    assert started.status_code == 403
    assert Message.objects.count() == 1
    # The block is one way: Clara may still write to Fred.
    assert client_for(clara).post(f"/messages/{conversation.pk}", {"text": "Sorry, no."}).status_code == 302


def test_a_blocked_first_message_leaves_no_conversation(clara, olga, client_for) -> None:
    Block.objects.create(blocker=clara, blocked=olga)
    refused = client_for(olga).post("/api/v1/conversations", {"to": "clara", "text": "Hi"}, "application/json")
    assert refused.status_code == 403 and not Conversation.objects.exists()


def test_an_unverified_person_cannot_send(una, fred, client_for) -> None:
    conversation = conversation_with(user=una, other=fred)
    page = client_for(una).post(f"/messages/{conversation.pk}", {"text": "Hello"})
    assert page.status_code == 403 and not Message.objects.exists()
    api = client_for(una).post("/api/v1/conversations", {"to": "fred", "text": "Hi"}, "application/json")
    assert api.status_code == 403 and api.json()["error"]["code"] == "email_unverified"


def test_a_message_is_about_something_both_share(clara, fred, olga, client_for) -> None:
    project = post(clara)
    proposal = send(project, fred)
    contract = contract_between(clara, fred)
    for about in (f"project:{project.pk}", f"proposal:{proposal.pk}", f"contract:{contract.pk}"):
        say(fred, clara, "About this", about=about)
    assert [m.proposal_id or m.contract_id for m in Message.objects.all()[1:]] == [proposal.pk, contract.pk]
    others = contract_between(clara, olga)
    with pytest.raises(InvalidInput) as refused:
        say(fred, clara, "Not ours", about=f"contract:{others.pk}")
    assert "about" in refused.value.fields


def test_you_cannot_message_yourself_or_nobody(clara, client_for) -> None:
    me = client_for(clara)
    assert me.post("/api/v1/conversations", {"to": "clara", "text": "Hi"}, "application/json").status_code == 400
    assert me.post("/api/v1/conversations", {"to": "nobody", "text": "Hi"}, "application/json").status_code == 404
    assert me.get("/messages/with/nobody").status_code == 404
    assert not Conversation.objects.exists()


def test_no_mail_goes_out_per_message(clara, fred, mailoutbox, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        say(clara, fred, "One", files=[pdf()])
        say(clara, fred, "Two")
    assert mailoutbox == []


def test_downloads_are_the_files_sent(clara, fred, client_for) -> None:
    message = say(clara, fred, "The brief", files=[pdf()])
    got = client_for(fred).get(f"/messages/files/{message.attachments.get().pk}")
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert got["Content-Disposition"].startswith("attachment")
