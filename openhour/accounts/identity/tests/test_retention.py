"""Documents are kept IDENTITY_FILES_KEEP_DAYS after the decision, then the timers delete them; the decision
and its reason stay."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from openhour.accounts.identity.models import IdentityCheck, IdentityFile
from openhour.accounts.identity.tests.kit import decide, send_documents

pytestmark = pytest.mark.django_db


def stored_paths() -> list[Path]:
    return [Path(found.file.path) for found in IdentityFile.objects.all()]


def test_files_go_the_set_days_after_the_decision_and_not_before(fred, olga, operator, client_for, settings):
    settings.IDENTITY_FILES_KEEP_DAYS = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        send_documents(client_for(fred))
        send_documents(client_for(olga))  # still waiting: kept however long it waits
        decide(client_for(operator), IdentityCheck.objects.get(user=fred).pk, "reject", "Blurred.")
    freds = [Path(f.file.path) for f in IdentityFile.objects.filter(identity_check__user=fred)]
    assert all(path.exists() for path in stored_paths())

    with time_machine.travel(start + timedelta(days=29, hours=23), tick=False):
        call_command("run_timers", "--once", stdout=StringIO())
    assert IdentityFile.objects.count() == 4

    with time_machine.travel(start + timedelta(days=30, minutes=1), tick=False):
        call_command("run_timers", "--once", stdout=StringIO())
    assert not any(path.exists() for path in freds)
    assert list(IdentityFile.objects.values_list("identity_check__user__username", flat=True)) == ["olga", "olga"]
    assert all(path.exists() for path in stored_paths())
    check = IdentityCheck.objects.get(user=fred)
    assert (check.status, check.reason) == ("rejected", "Blurred.")
