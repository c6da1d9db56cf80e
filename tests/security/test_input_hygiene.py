"""Input hygiene, on the API and the pages alike (openhour/lib/text_hygiene.py):

- control characters (NUL, escape, DEL, C1…) in any text field are a 400 with a field error, and nothing
  is stored — the same on SQLite and PostgreSQL (which would otherwise fail with a 500 on NUL);
- bidi controls and zero-width characters are stripped from names, titles and uploaded file names, and kept
  in long free text, where right-to-left writing needs them;
- a body larger than any endpoint takes is a 413 (JSON under /api/), a JSON endpoint given another content
  type is a 415, multipart endpoints keep multipart;
- anonymous API writes get API.md's 401, while a signed-in browser session still needs its CSRF token.
"""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openhour.accounts.models import User
from openhour.catalog.models import Hourlie
from openhour.contracts.disputes.models import Dispute
from openhour.contracts.disputes.tests.kit import funded, open_dispute
from openhour.contracts.models import Delivery, Milestone
from openhour.jobs.models import Project, Proposal
from openhour.jobs.services.projects import project_post
from openhour.lib.text_hygiene import CONTROL_MESSAGE
from openhour.messaging.models import Message
from openhour.reviews.models import Review

pytestmark = pytest.mark.django_db

API = "/api/v1"
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x1b[31m", "\x7f", "\x85", "\x9b"]
SHOWN = "contains control characters"
GBP = "GBP"
PROJECT = {
    "title": "Logo",
    "description": "A logo.",
    "category": "design",
    "budget_min": {"amount": 10000, "currency": GBP},
    "budget_max": {"amount": 20000, "currency": GBP},
}
# Bidi overrides/isolates/marks and zero-width characters, as pasted into a name or title.
INVISIBLE = [
    "\u202e",
    "\u202a",
    "\u2066",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
]


def stored_rows() -> dict[str, int]:
    models = (User, Project, Proposal, Hourlie, Message, Delivery, Dispute, Review)
    return {model.__name__: model.objects.count() for model in models}


def api_client(user: Any, bearer: Callable[..., dict[str, str]]) -> Client:
    return Client(headers=bearer(user)) if user is not None else Client()


# (who, method, path, body, field): one bad field in an otherwise ordinary body.
JSON_CASES = [
    (
        None,
        "post",
        "/auth/signup",
        {"email": "n@example.com", "password": "plum-orchard-42", "name": "Ni{}na", "role": "client"},
        "name",
    ),
    ("fred", "patch", "/me/profile", {"headline": "Django{} developer"}, "headline"),
    ("fred", "patch", "/me/profile", {"bio": "I build{} things."}, "bio"),
    (
        "clara",
        "post",
        "/projects",
        {
            "title": "Logo{}",
            "description": "A logo.",
            "category": "design",
            "budget_min": {"amount": 10000, "currency": "GBP"},
            "budget_max": {"amount": 20000, "currency": "GBP"},
        },
        "title",
    ),
    ("clara", "post", "/projects", {"title": "Logo", "description": "A{} logo."}, "description"),
    ("fred", "post", "/projects/1/proposals", {"cover_letter": "Hello{}"}, "cover_letter"),
    ("fred", "post", "/conversations", {"to": "clara", "text": "Hello{}"}, "text"),
    ("fred", "post", "/hourlies", {"title": "I will{} fix a bug", "description": "Fast."}, "title"),
    ("clara", "post", "/contracts/1/reviews", {"overall": 5, "went_well": "All{} of it"}, "went_well"),
    ("clara", "post", "/milestones/1/dispute", {"reason": "Late{}."}, "reason"),
]


@pytest.mark.parametrize("bad", CONTROL)
@pytest.mark.parametrize(("who", "method", "path", "body", "field"), JSON_CASES)
def test_control_characters_in_json_fields_are_a_field_error(who, method, path, body, field, bad, request, bearer):
    person = request.getfixturevalue(who) if who else None
    request.getfixturevalue("clara")  # the person some bodies name
    before = stored_rows()
    filled = json.loads(json.dumps(body).replace("{}", json.dumps(bad)[1:-1]))
    answer = getattr(api_client(person, bearer), method)(f"{API}{path}", filled, content_type="application/json")
    assert answer.status_code == 400, answer.content
    assert answer.json()["error"]["code"] == "invalid"
    assert CONTROL_MESSAGE in answer.json()["error"]["fields"][field]
    assert stored_rows() == before


def test_control_characters_in_query_strings_are_a_field_error(client, db):
    answer = client.get(f"{API}/freelancers", {"q": "django\x1b"})
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"] == {"q": [CONTROL_MESSAGE]}


def test_tabs_and_new_lines_are_ordinary_text(fred, bearer):
    bio = "Line one\r\nLine two\n\tindented"
    answer = Client(headers=bearer(fred)).patch(f"{API}/me/profile", {"bio": bio}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    fred.profile.refresh_from_db()
    assert fred.profile.bio == bio


# --- multipart: the three endpoints that carry private files, against real conversations, work and disputes


def _conversation(fred: User, clara: User, client_for: Callable[..., Client]) -> str:
    opened = client_for(fred).post(f"{API}/conversations", {"to": "clara", "text": "Hello"}, "application/json")
    assert opened.status_code == 201, opened.content
    return str(opened.json()["id"])


def _multipart_cases(fred: User, clara: User, client_for: Callable[..., Client]) -> list[tuple[Client, str, str]]:
    conversation = _conversation(fred, clara, client_for)
    delivering = funded(clara, fred)
    disputed = funded(clara, fred)
    dispute = open_dispute(client_for(clara), disputed).json()["id"]
    return [
        (client_for(fred), f"{API}/conversations/{conversation}/messages", "text"),
        (client_for(fred), f"{API}/milestones/{delivering.pk}/submit", "message"),
        (client_for(fred), f"{API}/disputes/{dispute}/statements", "text"),
    ]


def _multipart_refuses_control_characters(fred, clara, client_for) -> None:
    for browser, url, field in _multipart_cases(fred, clara, client_for):
        before = stored_rows()
        for bad in ("\x00", "\x1b", "\x9b"):
            attachment = SimpleUploadedFile("notes.txt", b"plain notes", content_type="text/plain")
            answer = browser.post(url, {field: f"Here it is{bad}", "attachments": [attachment]})
            assert answer.status_code == 400, (url, answer.content)
            assert answer.json()["error"]["fields"] == {field: [CONTROL_MESSAGE]}
        assert stored_rows() == before
        # The same request without the bad character goes through: multipart stays multipart.
        assert browser.post(url, {field: "Here it is"}).status_code in (200, 201), url


def test_multipart_text_with_control_characters_is_refused_and_nothing_stored(fred, clara, client_for):
    _multipart_refuses_control_characters(fred, clara, client_for)


@pytest.mark.postgres
def test_multipart_nul_on_postgresql_is_a_400_not_a_500(fred, clara, client_for):
    _multipart_refuses_control_characters(fred, clara, client_for)


# --- pages: forms come back with the error beside the field; views reading the post themselves refuse too


def _page_cases(fred: User, clara: User, client_for: Callable[..., Client]) -> list[tuple[Any, str, dict[str, str]]]:
    project = project_post(
        client=clara, title="Logo", description="A logo.", category="design", budget_min=10_000, budget_max=20_000
    )
    conversation = _conversation(fred, clara, client_for)
    milestone = funded(clara, fred)
    dispute = open_dispute(client_for(clara), funded(clara, fred)).json()["id"]
    signup = {
        "email": "nina@example.com",
        "password1": "plum-orchard-lantern-42",
        "role": "client",
        "accept_terms": "on",
    }
    return [
        (None, "/accounts/signup/", {**signup, "name": "Ni{}na"}),
        (
            fred,
            "/me/profile",
            {"headline": "Django{} developer", "bio": "Hello", "rate_currency": "GBP", "availability": "available"},
        ),
        (
            fred,
            "/me/profile",
            {"headline": "Django developer", "bio": "Hel{}lo", "rate_currency": "GBP", "availability": "available"},
        ),
        (clara, "/projects/new", {"title": "Lo{}go", "description": "A logo."}),
        (clara, "/projects/new", {"title": "Logo", "description": "A{} logo."}),
        (fred, f"/projects/{project.pk}/propose", {"cover_letter": "Hire{} me", "price": "150", "delivery_days": "5"}),
        (fred, "/hourlies/new", {"title": "I will{} fix a bug", "description": "Fast."}),
        (fred, f"/messages/{conversation}", {"text": "H{}i"}),
        (fred, f"/milestones/{milestone.pk}/submit", {"message": "Do{}ne"}),
        (fred, f"/disputes/{dispute}/statements", {"text": "My {}side"}),
    ]


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x1b", "\x7f", "\x85"])
def test_control_characters_in_page_forms_are_a_form_error(bad, fred, clara, client_for):
    for person, url, data in _page_cases(fred, clara, client_for):
        fred.profile.refresh_from_db()
        before, headline = stored_rows(), fred.profile.headline
        browser = client_for(person) if person else Client()
        answer = browser.post(url, {key: value.replace("{}", bad) for key, value in data.items()})
        assert answer.status_code in (200, 400), (url, answer.status_code)  # allauth re-shows its forms with 200
        assert SHOWN in answer.content.decode(), url
        assert stored_rows() == before, url
        fred.profile.refresh_from_db()
        assert fred.profile.headline == headline


# --- bidi and zero-width characters: stripped from names, titles and file names, kept in free text


@pytest.mark.parametrize("hidden", INVISIBLE)
def test_invisible_characters_are_stripped_from_names_and_titles_on_the_api(hidden, clara, bearer):
    signed_up = Client().post(
        f"{API}/auth/signup",
        {"email": "nina@example.com", "password": "plum-orchard-lantern-42", "name": f"Ni{hidden}na", "role": "client"},
        content_type="application/json",
    )
    assert signed_up.status_code == 201, signed_up.content
    assert User.objects.get(email="nina@example.com").name == "Nina"
    body = {**PROJECT, "title": f"Logo{hidden} design", "description": f"Arabic: {hidden}مرحبا"}
    posted = Client(headers=bearer(clara)).post(f"{API}/projects", body, content_type="application/json")
    assert posted.status_code == 201, posted.content
    project = Project.objects.get()
    assert project.title == "Logo design"
    assert project.description == f"Arabic: {hidden}مرحبا"  # free text keeps what right-to-left writing needs


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian needs its non-joiner
        ("क्\u200dष", "क्\u200dष"),  # a Devanagari half form
        ("Dev \U0001f469\u200d\U0001f4bb", "Dev \U0001f469\u200d\U0001f4bb"),  # an emoji sequence
        ("Cl\u200cara", "Clara"),  # between Latin letters a joiner only disguises the name
        ("Cl\u200dara", "Clara"),
        ("\u200cمریم", "مریم"),  # joining nothing on one side
        ("مریم\u200d", "مریم"),
        ("مر\u202eیم", "مریم"),  # bidi controls go, whatever surrounds them
    ],
)
def test_joiners_stay_in_names_only_where_a_script_needs_them(typed, stored, db):
    answer = Client().post(
        f"{API}/auth/signup",
        {"email": "maryam@example.com", "password": "plum-orchard-lantern-42", "name": typed, "role": "client"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    assert User.objects.get(email="maryam@example.com").name == stored


def test_a_name_of_invisible_characters_only_is_refused(db):
    answer = Client().post(
        f"{API}/auth/signup",
        {"email": "nina@example.com", "password": "plum-orchard-lantern-42", "name": "\u202e\u200b", "role": "client"},
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "name" in answer.json()["error"]["fields"]
    assert not User.objects.filter(email="nina@example.com").exists()


def test_invisible_characters_are_stripped_from_names_and_titles_on_the_pages(fred, client_for):
    data = {
        "headline": "\u202eDjango\u200b developer",
        "bio": "\u200fשלום",
        "rate_currency": "GBP",
        "availability": "available",
    }
    client_for(fred).post("/me/profile", data)
    fred.profile.refresh_from_db()
    assert fred.profile.headline == "Django developer"
    assert fred.profile.bio == "\u200fשלום"


def test_a_signup_name_on_the_page_loses_its_bidi_override(db):
    data = {"email": "nina@example.com", "password1": "plum-orchard-lantern-42", "role": "client", "accept_terms": "on"}
    Client().post("/accounts/signup/", {**data, "name": "Nina \u202eeivan"})
    assert User.objects.get(email="nina@example.com").name == "Nina eivan"


TRICKY_NAMES = [
    ("invoice\u202efdp.exe.txt", "invoicefdp.exe.txt"),
    ("re\u200bport\u2066.txt", "report.txt"),
    ("../../etc/notes.txt", "notes.txt"),
    ("C:\\Users\\me\\notes.txt", "notes.txt"),
    ("tab\x01bed\x7f.txt", "tabbed.txt"),
]


@pytest.mark.parametrize(("sent", "kept"), TRICKY_NAMES)
def test_uploaded_file_names_lose_folders_and_invisible_characters(sent, kept, fred, clara, client_for):
    conversation = _conversation(fred, clara, client_for)
    files = [SimpleUploadedFile(sent, b"plain notes", content_type="text/plain")]
    sent_message = client_for(fred).post(
        f"{API}/conversations/{conversation}/messages", {"text": "The notes", "attachments": files}
    )
    assert sent_message.status_code == 201, sent_message.content
    assert [f["name"] for f in sent_message.json()["attachments"]] == [kept]
    milestone = funded(clara, fred)
    files = [SimpleUploadedFile(sent, b"plain notes", content_type="text/plain")]
    delivered = client_for(fred).post(
        f"{API}/milestones/{milestone.pk}/submit", {"message": "Done", "attachments": files}
    )
    assert delivered.status_code == 200, delivered.content
    assert [f.name for d in Milestone.objects.get(pk=milestone.pk).deliveries.all() for f in d.files.all()] == [kept]


# --- sizes and content types


def test_a_ten_megabyte_json_body_is_a_json_413(clara, bearer):
    huge = json.dumps({"title": "Logo", "description": "x" * (10 * 1024 * 1024)})
    for browser in (Client(), Client(headers=bearer(clara))):
        answer = browser.post(f"{API}/projects", huge, content_type="application/json")
        assert answer.status_code == 413
        assert answer["Content-Type"].startswith("application/json")
        assert answer.json()["error"]["code"] == "payload_too_large"
    assert not Project.objects.exists()


def test_an_oversized_page_post_is_a_413(clara, client_for):
    answer = client_for(clara).post("/projects/new", {"title": "Logo", "description": "x" * (7 * 1024 * 1024)})
    assert answer.status_code == 413
    assert not Project.objects.exists()


def test_files_up_to_the_upload_limit_still_fit_in_one_request(fred, clara, client_for, settings):
    conversation = _conversation(fred, clara, client_for)
    files = [SimpleUploadedFile(f"part{n}.txt", b"x" * (settings.UPLOAD_MAX_BYTES - 1024)) for n in range(2)]
    answer = client_for(fred).post(
        f"{API}/conversations/{conversation}/messages", {"text": "Two", "attachments": files}
    )
    assert answer.status_code == 201, answer.content


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", json.dumps({"title": "Logo"})),
        ("application/x-www-form-urlencoded", "title=Logo&description=A+logo"),
        (
            "multipart/form-data; boundary=XX",
            '--XX\r\nContent-Disposition: form-data; name="title"\r\n\r\nLogo\r\n--XX--',
        ),
        ("application/xml", "<project><title>Logo</title></project>"),
    ],
)
def test_a_json_endpoint_given_another_content_type_is_a_415(content_type, body, clara, bearer):
    answer = Client(headers=bearer(clara)).post(f"{API}/projects", body, content_type=content_type)
    assert answer.status_code == 415
    assert answer.json()["error"]["code"] == "unsupported_media_type"
    assert not Project.objects.exists()


def test_json_with_a_charset_is_json(clara, bearer):
    answer = Client(headers=bearer(clara)).post(
        f"{API}/projects", json.dumps(PROJECT), content_type="application/json; charset=utf-8"
    )
    assert answer.status_code == 201, answer.content


# --- who may write: anonymous visitors get 401; a signed-in browser session still needs its CSRF token

ANONYMOUS_WRITES = [
    ("post", "/projects"),
    ("patch", "/me/profile"),
    ("post", "/conversations"),
    ("post", "/milestones/1/fund"),
    ("post", "/conversations/1/messages"),
    ("post", "/payouts"),
    ("post", "/hourlies"),
    ("delete", "/auth/tokens/1"),
]


@pytest.mark.parametrize(("method", "path"), ANONYMOUS_WRITES)
def test_anonymous_api_writes_get_401_not_a_csrf_403(method, path, db):
    browser = Client(enforce_csrf_checks=True)
    answer = getattr(browser, method)(f"{API}{path}", {}, content_type="application/json")
    assert answer.status_code == 401, answer.content
    assert answer.json()["error"]["code"] == "unauthenticated"


def test_a_signed_in_session_without_its_csrf_token_is_still_refused(clara):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(clara, backend="django.contrib.auth.backends.ModelBackend")
    answer = browser.patch(f"{API}/me/profile", {"company_name": "Acme"}, content_type="application/json")
    assert answer.status_code == 403
    clara.refresh_from_db()
    assert clara.profile.company_name != "Acme"


def test_a_token_needs_no_csrf_token(clara, bearer):
    browser = Client(enforce_csrf_checks=True, headers=bearer(clara))
    answer = browser.patch(f"{API}/me/profile", {"company_name": "Acme"}, content_type="application/json")
    assert answer.status_code == 200, answer.content


# --- any string at all: never a 500, control characters refused, names never keep invisible characters

ALPHABET = st.sampled_from(
    [*"abc xyz", "é", "ש", "م", "\t", *"\x00\x01\x07\x08\x1b\x7f\x85\x9b", *INVISIBLE, "\u2028", "\U0001f600"]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(headline=st.text(ALPHABET, max_size=30))
def test_any_headline_is_refused_or_stored_clean(headline, fred, bearer):
    answer = Client(headers=bearer(fred)).patch(
        f"{API}/me/profile", {"headline": headline}, content_type="application/json"
    )
    assert answer.status_code in (200, 400), answer.content
    fred.profile.refresh_from_db()
    if any(c in headline for c in "\x00\x01\x07\x08\x1b\x7f\x85\x9b"):
        assert answer.status_code == 400
        assert CONTROL_MESSAGE in answer.json()["error"]["fields"]["headline"]
    elif answer.status_code == 200:
        assert_only_joiners_that_join(fred.profile.headline)


def assert_only_joiners_that_join(name):
    """What a stored name may keep invisible: a joiner between two letters of a script after Latin, or a ZWJ
    between two emoji; nothing else (module docstring of openhour.lib.text_hygiene)."""
    for at, character in enumerate(name):
        if character not in INVISIBLE:
            continue
        assert character in "\u200c\u200d" and 0 < at < len(name) - 1, repr(name)
        before, after = name[at - 1], name[at + 1]
        letters = all(c in "שم" for c in (before, after))
        emoji = character == "\u200d" and before == after == "\U0001f600"
        assert letters or emoji, repr(name)
