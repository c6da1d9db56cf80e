"""The typed answers of messaging and reviews tell the truth: real answers, asked for over HTTP as a client would,
match what /api/v1/openapi.json documents for their operation and status (content type, then every key and type).

Clara (a client) and Fred (a freelancer) write to each other, report, block, review and reply, with tokens; Olga
(an outsider) flags a review; the operator reads and decides the case. A key only some callers get (an operator's
`alert`, `ratings` when asked for) is checked both where it is present and where it is absent."""

import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from ninja.schema import NinjaGenerateJsonSchema
from pydantic import BaseModel

from openhour.messaging.conversations import api as conversations
from openhour.messaging.conversations.tests.kit import PDF
from openhour.messaging.notifications import api as notifications
from openhour.messaging.notifications.services import notification_send
from openhour.messaging.safety import api as safety
from openhour.messaging.uploads import api as uploads
from openhour.reviews.api import reviews, showcase
from openhour.reviews.integrity.api import moderation, transparency
from openhour.reviews.integrity.tests.moderation_kit import published
from openhour.reviews.tests.kit import body, finished
from tests.api.answers import mismatches

pytestmark = pytest.mark.django_db

API = "/api/v1"
OUR_MODULES = (conversations, notifications, safety, uploads, reviews, showcase, moderation, transparency)
OUR_PATHS = re.compile(
    r"/api/v1/(conversations|notifications|blocks|reports|uploads|contracts/[^/]+/reviews|reviews/|moderation"
    r"|operations/moderation|trust/transparency|users/[^/]+/(reviews|reputation|badge\.svg|widget))"
)


def answered(schema: dict, response: Any, method: str, path: str) -> Any:
    """The decoded answer, once its status, content type and body are what the schema documents for `method path`
    (the path as the schema spells it, without /api/v1)."""
    documented = schema["paths"][API + path][method]["responses"]
    assert str(response.status_code) in documented, (method, path, response.status_code, response.content[:500])
    [(media, content)] = documented[str(response.status_code)]["content"].items()
    assert response["Content-Type"].split(";")[0] == media, (method, path, response["Content-Type"])
    if media != "application/json":
        return response.content.decode()
    value = json.loads(response.content)
    assert mismatches(value, content["schema"], schema["components"]["schemas"]) == [], (method, path)
    return value


def send(client: Client, method: str, url: str, data: dict) -> Any:
    return getattr(client, method)(API + url, data, content_type="application/json")


# ---- the checker itself, and the schema as a whole ----------------------------------------------------------


def test_the_check_catches_a_schema_that_lies(schema):
    components = schema["components"]["schemas"]
    block = {"$ref": "#/components/schemas/BlockOut"}
    honest = {"username": "fred", "name": "Fred Freelancer", "created_at": "2026-01-05T10:00:00.123Z"}
    assert mismatches(honest, block, components) == []
    lies = [
        honest | {"blocked_by": "clara"},  # a key the schema does not list
        {key: value for key, value in honest.items() if key != "created_at"},  # a required key missing
        honest | {"name": None},  # null where the schema promises text
        honest | {"created_at": "yesterday"},  # not a date-time
    ]
    for lie in lies:
        assert mismatches(lie, block, components), lie


def test_every_operation_of_messaging_and_reviews_has_a_typed_success(schema):
    for path, operations in schema["paths"].items():
        if not OUR_PATHS.match(path):
            continue
        for method, operation in operations.items():
            successes = {status: answer for status, answer in operation["responses"].items() if status[0] == "2"}
            assert successes, (method, path)
            for status, answer in successes.items():
                if status == "204":
                    assert "content" not in answer, (method, path)
                    continue
                [(media, content)] = answer["content"].items()
                described = content["schema"]
                assert "$ref" in described or described.get("type") == "string", (method, path, media)


def test_each_of_our_answer_shapes_owns_its_name_in_the_schema(schema):
    """Components are keyed by class name: a same-named class elsewhere would silently replace the shape we
    document, so each of ours must be in the schema exactly as its class describes it."""
    components = schema["components"]["schemas"]
    for module in OUR_MODULES:
        for name, shape in vars(module).items():
            if not (name.endswith("Out") and isinstance(shape, type) and issubclass(shape, BaseModel)):
                continue
            if shape.__module__ != module.__name__:
                continue
            described = shape.model_json_schema(
                by_alias=True,
                ref_template="#/components/schemas/{model}",
                schema_generator=NinjaGenerateJsonSchema,
                mode="serialization",
            )
            described.pop("$defs", None)
            assert components[name] == described, name


# ---- messaging ------------------------------------------------------------------------------------------------


def test_conversations_uploads_reports_and_blocks(schema, clara, fred, bearer):
    as_clara, as_fred = Client(headers=bearer(clara)), Client(headers=bearer(fred))
    started = answered(
        schema, send(as_clara, "post", "/conversations", {"to": "fred", "text": "Hello"}), "post", "/conversations"
    )
    assert started["with"] == {"username": "fred", "name": "Fred Freelancer"}
    upload = as_fred.post(f"{API}/uploads", {"file": SimpleUploadedFile("brief.pdf", PDF)})
    upload_id = answered(schema, upload, "post", "/uploads")["id"]
    messages = "/conversations/{conversation_id}/messages"
    url = messages.format(conversation_id=started["id"])
    reply = send(as_fred, "post", url, {"text": "Here is the brief", "attachments": [upload_id]})
    sent = answered(schema, reply, "post", messages)
    assert sent["about"] is None and [file["name"] for file in sent["attachments"]] == ["brief.pdf"]

    inbox = answered(schema, as_clara.get(f"{API}/conversations"), "get", "/conversations")
    assert inbox["items"][0]["unread"] == 1 and inbox["items"][0]["last_message"] == "Here is the brief"
    read = answered(schema, as_clara.get(API + url), "get", messages)
    assert [message["text"] for message in read["items"]] == ["Here is the brief", "Hello"]

    report = send(as_clara, "post", "/reports", {"username": "fred", "message": sent["id"], "reason": "spam"})
    assert answered(schema, report, "post", "/reports")["message"] == sent["id"]
    answered(schema, send(as_clara, "post", "/blocks", {"username": "fred"}), "post", "/blocks")
    blocked = answered(schema, as_clara.get(f"{API}/blocks"), "get", "/blocks")
    assert [person["username"] for person in blocked["items"]] == ["fred"]


def test_notifications_and_their_channels(schema, fred, bearer):
    as_fred = Client(headers=bearer(fred))
    sent = notification_send(user=fred, kind="hired", title="Clara hired you", url="/contracts/1", source="t:1")
    listed = answered(schema, as_fred.get(f"{API}/notifications"), "get", "/notifications")
    assert listed["unread"] == 1 and listed["items"][0]["read_at"] is None
    read = answered(
        schema, send(as_fred, "post", "/notifications/read", {"ids": [str(sent.pk)]}), "post", "/notifications/read"
    )
    assert read == {"read": [str(sent.pk)], "unread": 0}
    channels = answered(schema, as_fred.get(f"{API}/notifications/preferences"), "get", "/notifications/preferences")
    changed = send(as_fred, "put", "/notifications/preferences", {"channels": {"hired": "off"}})
    assert answered(schema, changed, "put", "/notifications/preferences")["channels"] == channels["channels"] | {
        "hired": "off"
    }


# ---- reviews --------------------------------------------------------------------------------------------------


def test_contract_reviews_sealed_then_published_with_a_reply(schema, clara, fred, bearer):
    as_clara, as_fred = Client(headers=bearer(clara)), Client(headers=bearer(fred))
    contract = finished(clara, fred)
    path = "/contracts/{contract_id}/reviews"
    url = path.format(contract_id=contract.pk)

    nothing = answered(schema, as_fred.get(API + url), "get", path)
    assert nothing["mine"] is None and nothing["theirs"] is None
    mine = answered(schema, send(as_clara, "post", url, body("client", 4)), "post", path)
    assert mine["status"] == "sealed" and mine["published_at"] is None
    answered(schema, send(as_clara, "put", f"{url}/mine", body("client", 5)), "put", f"{path}/mine")
    assert answered(schema, as_fred.get(API + url), "get", path)["theirs"] == {"status": "sealed"}
    answered(schema, send(as_fred, "post", url, body("freelancer", 5)), "post", path)
    both = answered(schema, as_fred.get(API + url), "get", path)
    assert both["theirs"]["status"] == "published" and both["theirs"]["id"] == mine["id"]

    replies = "/reviews/{review_id}/reply"
    reply_url = replies.format(review_id=mine["id"])
    answered(schema, send(as_fred, "post", reply_url, {"text": "Thank you, Clara."}), "post", replies)
    answered(schema, send(as_fred, "put", reply_url, {"text": "Thank you!"}), "put", replies)
    public = answered(schema, Client().get(f"{API}/users/fred/reviews"), "get", "/users/{username}/reviews")
    assert public["items"][0]["reply"]["text"] == "Thank you!"


def test_reputation_in_one_role_and_in_both(schema, clara, fred):
    published(clara, fred, overall=4)
    path = "/users/{username}/reputation"
    one = answered(schema, Client().get(f"{API}/users/fred/reputation?role=freelancer"), "get", path)
    assert one["reviews"] == 1 and one["distribution"]["4"] == 1
    both = answered(schema, Client().get(f"{API}/users/fred/reputation"), "get", path)
    assert set(both) == {"freelancer", "client"}


def test_the_badge_the_widget_and_the_signed_export(schema, clara, fred, bearer):
    published(clara, fred, overall=5)
    assert "<svg" in answered(schema, Client().get(f"{API}/users/fred/badge.svg"), "get", "/users/{username}/badge.svg")
    assert "<html" in answered(schema, Client().get(f"{API}/users/fred/widget"), "get", "/users/{username}/widget")
    response = Client(headers=bearer(fred)).get(f"{API}/users/fred/reviews/export")
    export = answered(schema, response, "get", "/users/{username}/reviews/export")
    assert len(export["document"]["reviews"]) == 1
    # The signed bytes are returned as built (indented), never re-serialised by the response schema.
    assert response.content.decode() == json.dumps(export, ensure_ascii=False, indent=2)


def test_a_flag_its_case_for_the_operator_and_the_parties(schema, clara, fred, olga, operator, bearer, client_for):
    review = published(clara, fred)
    flag = send(
        Client(headers=bearer(olga)), "post", f"/reviews/{review.pk}/flag", {"reason": "offensive", "text": "Rude."}
    )
    answered(schema, flag, "post", "/reviews/{review_id}/flag")
    as_operator = client_for(operator)
    queue = answered(schema, as_operator.get(f"{API}/operations/moderation"), "get", "/operations/moderation")
    case = "/operations/moderation/{case_id}"
    url = case.format(case_id=queue["items"][0]["id"])

    blind = answered(schema, as_operator.get(API + url), "get", case)
    assert "ratings" not in blind and blind["flags"][0]["text"] == "Rude."
    rated = answered(schema, as_operator.get(f"{API}{url}?ratings=true"), "get", case)
    assert rated["ratings"]["overall"] == 2
    decision = send(as_operator, "post", f"{url}/decide", {"outcome": "keep", "reason": "About the work."})
    decided = answered(schema, decision, "post", f"{case}/decide")
    assert "ratings" not in decided and decided["events"][-1]["from"] == "open"

    as_fred = Client(headers=bearer(fred))
    party = "/moderation/{case_id}"
    party_url = party.format(case_id=decided["id"])
    assert answered(schema, as_fred.get(API + party_url), "get", party)["outcome"] == "keep"
    appeal = send(as_fred, "post", f"{party_url}/appeal", {"reason": "It was unfair."})
    assert answered(schema, appeal, "post", f"{party}/appeal")["appealed"] is True


def test_the_transparency_report_keeps_the_alert_for_operators(schema, clara, fred, operator, client_for):
    published(clara, fred)
    public = answered(schema, Client().get(f"{API}/trust/transparency"), "get", "/trust/transparency")
    assert "alert" not in public and public["from"] < public["until"]
    staff = answered(schema, client_for(operator).get(f"{API}/trust/transparency"), "get", "/trust/transparency")
    assert staff["alert"] is None  # present for operators, null with no bias to report
