"""An archive can be downloaded for PERSONAL_DATA_EXPORT_DAYS; then the timers round deletes it. One whose task
was lost is failed, so its owner can ask again."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from openhour.accounts.privacy.models import Export
from openhour.accounts.privacy.services import exports_expire_due
from openhour.jobs.management.commands.run_timers import DUE_TIMERS
from openhour.lib.private_files import private_storage


def test_the_archive_is_deleted_after_its_days(fred, requested, client_for, settings):
    settings.PERSONAL_DATA_EXPORT_DAYS = 3
    export = requested(fred)
    export.refresh_from_db()
    name = export.file.name
    assert private_storage().exists(name) and export.expires_at - export.ready_at == timedelta(days=3)

    with time_machine.travel(timezone.now() + timedelta(days=2, hours=23)):
        assert exports_expire_due() == 0
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        assert exports_expire_due() == 1

    export.refresh_from_db()
    assert export.status == "expired" and not export.file and not private_storage().exists(name)
    assert client_for(fred).get(f"/me/privacy/archives/{export.pk}/download").status_code == 409
    assert exports_expire_due in DUE_TIMERS


def test_an_archive_whose_task_was_lost_fails_and_may_be_asked_again(fred, bearer, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    api = Client(headers=bearer(fred))
    lost = api.post("/api/v1/me/export").json()["id"]

    with time_machine.travel(timezone.now() + timedelta(hours=7)):
        exports_expire_due()
        again = api.post("/api/v1/me/export").json()

    assert Export.objects.get(pk=lost).status == "failed" and again["id"] != lost
