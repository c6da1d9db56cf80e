"""On PostgreSQL a backup is pg_dump of the snapshot its row counts were taken in: restored into a new database it
brings back every row, and the ledger checks there."""

import json
import subprocess
import uuid

import pytest
from django.db import connection

from openhour.money.tests.kit import top_up
from openhour.operations.backups import MANIFEST, backup_make
from openhour.operations.tests.test_backups import manage

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def empty_database():
    name = f"openhour_restore_{uuid.uuid4().hex[:8]}"
    ours = connection.settings_dict
    host, user, port = ours["HOST"] or "127.0.0.1", ours["USER"] or "postgres", ours["PORT"] or 5432
    subprocess.run(["createdb", "-h", host, "-p", str(port), "-U", user, name], check=True)  # noqa: S603,S607
    yield f"postgres://{user}@{host}:{port}/{name}"
    subprocess.run(["dropdb", "--if-exists", "--force", "-h", host, "-p", str(port), "-U", user, name], check=True)  # noqa: S603,S607


def test_a_postgresql_backup_restores_into_a_new_database_with_every_row(clara, fred, empty_database, tmp_path):
    top_up(clara, 25_000)
    top_up(fred, 7_500, currency="EUR")
    folder = backup_make(to=tmp_path / "backups")
    fresh = {"VAR_DIR": str(tmp_path / "fresh"), "DATABASE_URL": empty_database}

    restored = manage("restore", str(folder), env=fresh)

    assert restored.returncode == 0, restored.stderr
    assert manage("ledger_check", env=fresh).returncode == 0
    rows = json.loads((folder / MANIFEST).read_text())["rows"]
    assert rows["money_transfer"] == 2 and rows["accounts_user"] >= 2
    assert json.loads((folder / MANIFEST).read_text())["database"] == "postgresql"
