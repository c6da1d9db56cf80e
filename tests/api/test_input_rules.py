"""What the schema states about input, the server does, and the other way round: a text that must be given needs a
visible character, an integer JSON Schema counts as one (100.0) is one, `null` empties only the fields the
schema calls nullable, and a limit on how many of a thing one may have is a conflict (409), not bad input."""

import pytest

pytestmark = pytest.mark.django_db
GBP = "GBP"


def gbp(amount: float) -> dict:
    return {"amount": amount, "currency": GBP}


def post(client, path: str, body: dict):
    return client.post(path, body, content_type="application/json")


def patch(client, path: str, body: dict):
    return client.patch(path, body, content_type="application/json")


def project_body(**changes) -> dict:
    body = {
        "title": "A booking site",
        "description": "Classes and a timetable.",
        "category": "web-software",
        "budget_min": gbp(40_000),
        "budget_max": gbp(60_000),
    }
    return body | changes


@pytest.mark.parametrize("blank", ["", "   ", "\u200b\u200b", "\u00a0\u3000"])
def test_a_title_of_spaces_or_invisible_characters_is_refused_on_its_field(clara, client_for, blank):
    refused = post(client_for(clara), "/api/v1/projects", project_body(title=blank))
    assert refused.status_code == 400
    assert list(refused.json()["error"]["fields"]) == ["title"]


def test_the_schema_states_that_a_required_text_needs_a_visible_character(schema):
    import re

    title = schema["components"]["schemas"]["ProjectIn"]["properties"]["title"]
    rule = re.compile(title["pattern"])
    assert title["minLength"] == 1
    assert rule.match("A booking site") and not rule.match("   ") and not rule.match("\u200b\u00a0")


def test_a_whole_number_written_with_a_fraction_is_that_number(clara, client_for):
    made = post(client_for(clara), "/api/v1/projects", project_body(budget_min=gbp(40_000.0)))
    assert made.status_code == 201, made.content
    assert made.json()["budget_min"] == gbp(40_000)
    half = post(client_for(clara), "/api/v1/projects", project_body(budget_min=gbp(40_000.5)))
    assert half.status_code == 400 and "budget_min.amount" in half.json()["error"]["fields"]


def test_a_query_amount_written_with_a_fraction_is_read_whole(client):
    assert client.get("/api/v1/hourlies?max_price=4000.0").status_code == 200
    refused = client.get("/api/v1/hourlies?max_price=4000.5")
    assert refused.status_code == 400 and list(refused.json()["error"]["fields"]) == ["max_price"]


def test_null_empties_only_what_the_schema_calls_nullable(clara, client_for, schema):
    made = post(client_for(clara), "/api/v1/projects", project_body(max_proposals=20)).json()
    path = f"/api/v1/projects/{made['id']}"
    cleared = patch(client_for(clara), path, {"max_proposals": None})
    assert cleared.status_code == 200 and cleared.json()["max_proposals"] is None
    refused = patch(client_for(clara), path, {"title": None})
    assert refused.status_code == 400 and list(refused.json()["error"]["fields"]) == ["title"]
    fields = schema["components"]["schemas"]["ProjectPatch"]["properties"]
    assert {"type": "null"} in fields["max_proposals"]["anyOf"]
    assert "anyOf" not in fields["title"] and fields["title"]["type"] == "string"


def test_profile_fields_still_clear_with_null_but_availability(fred, client_for):
    me = client_for(fred)
    assert patch(me, "/api/v1/me/profile", {"headline": "Web developer", "country": "GB"}).status_code == 200
    cleared = patch(me, "/api/v1/me/profile", {"headline": None, "country": None})
    assert cleared.status_code == 200, cleared.content
    assert (cleared.json()["headline"], cleared.json()["country"]) == ("", None)  # no country is answered as null
    refused = patch(me, "/api/v1/me/profile", {"availability": None})
    assert refused.status_code == 400 and list(refused.json()["error"]["fields"]) == ["availability"]


def test_one_payout_method_too_many_is_a_conflict(fred, client_for, settings):
    from openhour.money.payouts import methods

    me = client_for(fred)
    for n in range(methods.MAX_ACTIVE_METHODS):
        made = post(me, "/api/v1/payout-methods", {"kind": "paypal", "details": {"email": f"f{n}@example.com"}})
        assert made.status_code == 201, made.content
    refused = post(me, "/api/v1/payout-methods", {"kind": "paypal", "details": {"email": "more@example.com"}})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "conflict"
    assert len(me.get("/api/v1/payout-methods?limit=100").json()["items"]) == methods.MAX_ACTIVE_METHODS


def test_too_many_skills_counts_what_was_sent_as_the_schema_does(clara, client_for, schema):
    most = schema["components"]["schemas"]["ProjectIn"]["properties"]["skills"]["maxItems"]
    repeated = post(client_for(clara), "/api/v1/projects", project_body(skills=["django"] * (most + 1)))
    assert repeated.status_code == 400 and list(repeated.json()["error"]["fields"]) == ["skills"]
    made = post(client_for(clara), "/api/v1/projects", project_body(skills=["django", "django"]))
    assert made.status_code == 201 and [skill["slug"] for skill in made.json()["skills"]] == ["django"]
