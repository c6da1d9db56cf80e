"""POST /api/v1/me/export and GET /api/v1/me/export/{id}: one's own archives only, no pile-up, a daily limit."""

import pytest
from django.test import Client

from openhour.accounts.privacy.models import Export

API = "/api/v1/me/export"


@pytest.fixture
def queued(settings):
    """The worker has not run yet: archives stay pending."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_asking_answers_202_and_the_archive_becomes_ready(fred, bearer, django_capture_on_commit_callbacks):
    api = Client(headers=bearer(fred))
    with django_capture_on_commit_callbacks(execute=True):
        created = api.post(API)

    assert created.status_code == 202 and created.json()["status"] == "pending"
    found = api.get(f"{API}/{created.json()['id']}").json()
    assert found["status"] == "ready" and found["ready_at"] and found["expires_at"]
    assert found["download_url"].endswith(f"/me/privacy/archives/{found['id']}/download")


def test_a_pending_archive_has_no_link_yet(fred, bearer, queued):
    api = Client(headers=bearer(fred))
    export_id = api.post(API).json()["id"]

    found = api.get(f"{API}/{export_id}").json()

    assert found["status"] == "pending" and found["download_url"] is None and found["expires_at"] is None


def test_asking_again_while_one_is_prepared_answers_that_one(fred, bearer, queued):
    api = Client(headers=bearer(fred))

    first, second = api.post(API).json(), api.post(API).json()

    assert first["id"] == second["id"] and Export.objects.filter(user=fred).count() == 1


def test_a_few_archives_a_day_then_429(fred, bearer, settings, django_capture_on_commit_callbacks):
    settings.PERSONAL_DATA_EXPORT_RATE = "2/d"
    api = Client(headers=bearer(fred))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert api.post(API).status_code == 202

    refused = api.post(API)

    assert refused.status_code == 429 and refused.json()["error"]["code"] == "rate_limited"
    assert int(refused["Retry-After"]) > 0 and Export.objects.filter(user=fred).count() == 2


def test_someone_elses_archive_is_not_found(fred, olga, operator, bearer, queued):
    export_id = Client(headers=bearer(fred)).post(API).json()["id"]

    for outsider in (olga, operator):
        response = Client(headers=bearer(outsider)).get(f"{API}/{export_id}")
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert Client(headers=bearer(fred)).get(f"{API}/nonsense").status_code == 404


def test_anonymous_gets_401(fred, bearer, queued):
    export_id = Client(headers=bearer(fred)).post(API).json()["id"]

    refused = Client().post(API)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthenticated"
    assert Client().get(f"{API}/{export_id}").status_code == 401
    assert Export.objects.count() == 1


def test_the_schema_documents_both_paths(db):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]

    assert "202" in paths[API]["post"]["responses"]
    detail = paths[API + "/{export_id}"]["get"]["responses"]["200"]
    assert detail["content"]["application/json"]["schema"]["$ref"].endswith("/ExportOut")


def test_a_token_downloads_its_own_ready_archive_and_only_that(fred, olga, bearer, django_capture_on_commit_callbacks):
    api = Client(headers=bearer(fred))
    with django_capture_on_commit_callbacks(execute=True):
        export_id = api.post(API).json()["id"]
    archive_url = api.get(f"{API}/{export_id}").json()["archive_url"]

    downloaded = api.get(archive_url)

    assert downloaded.status_code == 200 and ".zip" in downloaded["Content-Disposition"]
    assert b"".join(downloaded.streaming_content).startswith(b"PK")
    assert Client(headers=bearer(olga)).get(archive_url).status_code == 404
    assert Client().get(archive_url).status_code == 401


def test_an_archive_not_ready_cannot_be_downloaded(fred, bearer, queued):
    api = Client(headers=bearer(fred))
    export_id = api.post(API).json()["id"]

    refused = api.get(f"{API}/{export_id}/archive")

    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_ready"
    assert api.get(f"{API}/{export_id}").json()["archive_url"] is None
