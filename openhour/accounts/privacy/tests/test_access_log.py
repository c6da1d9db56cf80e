"""The personal-data access log: written on archive requests and downloads and on an operator opening a person's
record in the admin; read by operators only, filtered, and downloaded as CSV."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from openhour.accounts.privacy.log import personal_data_accessed
from openhour.accounts.privacy.models import PersonalDataAccess

PAGE = "/operations/personal-data"


def shown(response) -> list[tuple[str, str, str]]:
    """The log's table as the page shows it: (what happened, by, whose data) per line."""
    cells = re.findall(r'<td data-label="(?:What happened|By|Whose data)">([^<]*)</td>', response.content.decode())
    return list(zip(cells[0::3], cells[1::3], cells[2::3], strict=True))


def lines() -> list[tuple[str, str, str]]:
    return list(PersonalDataAccess.objects.order_by("id").values_list("what", "by_label", "subject_label"))


def test_asking_and_downloading_are_logged_with_the_address(fred, client_for, django_capture_on_commit_callbacks):
    browser = client_for(fred)
    with django_capture_on_commit_callbacks(execute=True):
        browser.post("/me/privacy", REMOTE_ADDR="203.0.113.7")
    export = fred.data_exports.get()

    browser.get(f"/me/privacy/archives/{export.pk}/download", REMOTE_ADDR="203.0.113.8")

    assert lines() == [("export_requested", "fred", "fred"), ("export_downloaded", "fred", "fred")]
    assert list(PersonalDataAccess.objects.order_by("id").values_list("ip", flat=True)) == [
        "203.0.113.7",
        "203.0.113.8",
    ]


def test_an_operator_opening_a_record_in_the_admin_is_logged(fred, operator, client_for):
    admin = client_for(operator)

    assert admin.get(f"/admin/accounts/user/{fred.pk}/change/").status_code == 200
    admin.get("/admin/accounts/user/")  # the list shows no one's record: nothing logged
    admin.get("/admin/accounts/user/999999/change/")  # nobody's record

    assert lines() == [("admin_viewed", "operator", "fred")]


def test_an_unknown_kind_is_refused(fred):
    with pytest.raises(ValueError):
        personal_data_accessed(by=None, subject=fred, what="peeked")


@pytest.fixture
def logged(clara, fred, olga, operator):
    personal_data_accessed(by=fred, subject=fred, what="export_requested")
    personal_data_accessed(by=operator, subject=clara, what="admin_viewed")
    personal_data_accessed(by=operator, subject=olga, what="identity_document_viewed")
    personal_data_accessed(by=None, subject=olga, what="erased")


def test_operators_read_the_log_and_filter_it(operator, client_for, logged):
    admin = client_for(operator)

    everything = admin.get(PAGE)

    assert everything.status_code == 200 and len(shown(everything)) == 4
    assert shown(admin.get(PAGE, {"person": "olga"})) == [
        ("Data erased", "the system", "olga"),
        ("Identity document viewed", "operator", "olga"),
    ]
    assert shown(admin.get(PAGE, {"what": "admin_viewed"})) == [
        ("Record opened in the administration", "operator", "clara")
    ]


def test_the_log_downloads_as_csv_with_the_filters(operator, client_for, logged):
    response = client_for(operator).get(PAGE, {"person": "olga", "format": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    assert rows[0] == ["at", "what", "by", "subject", "ip"]
    assert sorted((row[1], row[2], row[3]) for row in rows[1:]) == [
        ("erased", "", "olga"),
        ("identity_document_viewed", "operator", "olga"),
    ]


def test_days_filter_and_bad_dates_re_render(operator, client_for, logged):
    admin = client_for(operator)

    assert b"Nothing matches" in admin.get(PAGE, {"since": "2000-01-01", "until": "2000-01-02"}).content
    bad = admin.get(PAGE, {"since": "2026-12-10", "until": "2026-12-01"})
    assert bad.status_code == 400 and b"The last day comes after the first." in bad.content
    assert admin.get(PAGE, {"since": "not a day"}).status_code == 400


def test_nobody_but_operators_sees_the_log(fred, olga, client_for, logged):
    for person in (fred, olga):
        assert client_for(person).get(PAGE).status_code == 404
        assert client_for(person).get(PAGE, {"format": "csv"}).status_code == 404
    anonymous = Client().get(PAGE)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_the_page_reads_a_fixed_number_of_queries(clara, operator, client_for, django_assert_num_queries):
    admin = client_for(operator)
    personal_data_accessed(by=operator, subject=clara, what="admin_viewed")
    admin.get(PAGE)  # the session and the brand, read once
    with CaptureQueriesContext(connection) as few:
        admin.get(PAGE)
    for _ in range(20):
        personal_data_accessed(by=operator, subject=clara, what="admin_viewed")

    with django_assert_num_queries(len(few)):
        assert len(shown(admin.get(PAGE))) == 21
