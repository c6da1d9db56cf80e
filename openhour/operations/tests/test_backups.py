"""Backups an operator has restored: `manage.py backup` writes the database and the uploaded files with a manifest;
`manage.py restore` brings them into a fresh install, where every table has its rows back and the ledger checks.
A damaged backup, a backup of another engine and a restore over a market that already has data are refused."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from openhour.money.tests.kit import top_up
from openhour.operations.backups import MANIFEST, backup_make

# Committed data: a backup reads the database as other processes see it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(settings.BASE_DIR)


def manage(*arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    command = [sys.executable, "manage.py", *arguments]
    return subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, check=False)  # noqa: S603


def fresh_install(tmp_path: Path) -> dict[str, str]:
    """Another install's settings: its own empty SQLite file and file folders."""
    home = tmp_path / "fresh"
    return {"VAR_DIR": str(home), "DATABASE_URL": f"sqlite:///{home / 'openhour.sqlite3'}"}


@pytest.fixture
def market(clara, fred, settings, tmp_path):
    """Money moved in two currencies, an uploaded public file and a private attachment."""
    top_up(clara, 25_000)
    top_up(fred, 5_000, currency="EUR")
    (Path(settings.MEDIA_ROOT) / "avatars").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "avatars" / "fred.webp").write_bytes(b"RIFF-fred-avatar")
    (Path(settings.PRIVATE_MEDIA_ROOT) / "attachments").mkdir(parents=True)
    (Path(settings.PRIVATE_MEDIA_ROOT) / "attachments" / "brief.pdf").write_bytes(b"%PDF-1.7 the brief")


def test_a_backup_restores_into_a_fresh_install_with_every_row_and_file_and_a_balanced_ledger(market, tmp_path):
    folder = backup_make(to=tmp_path / "backups")
    fresh = fresh_install(tmp_path)

    restored = manage("restore", str(folder), env=fresh)
    assert restored.returncode == 0, restored.stderr
    assert "as the backup counted them" in restored.stdout

    assert manage("ledger_check", env=fresh).returncode == 0
    manifest = json.loads((folder / MANIFEST).read_text())
    assert manifest["rows"]["accounts_user"] >= 2 and manifest["rows"]["money_transfer"] == 2
    home = Path(fresh["VAR_DIR"])
    assert (home / "media" / "avatars" / "fred.webp").read_bytes() == b"RIFF-fred-avatar"
    assert (home / "private" / "attachments" / "brief.pdf").read_bytes() == b"%PDF-1.7 the brief"


def test_the_command_prints_the_folder_last_for_scripts(market, tmp_path, capsys):
    call_command("backup", "--to", str(tmp_path / "backups"))

    folder = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert folder.parent == tmp_path / "backups"
    assert sorted(path.name for path in folder.iterdir()) == [
        "database.sqlite3",
        "manifest.json",
        "media.tar.gz",
        "private.tar.gz",
    ]


def test_a_damaged_backup_is_refused_before_anything_is_restored(market, tmp_path):
    folder = backup_make(to=tmp_path / "backups")
    with (folder / "private.tar.gz").open("ab") as archive:
        archive.write(b"\0")
    fresh = fresh_install(tmp_path)

    refused = manage("restore", str(folder), env=fresh)

    assert refused.returncode != 0
    assert "private.tar.gz" in refused.stderr and "damaged" in refused.stderr
    assert not (Path(fresh["VAR_DIR"]) / "private").exists()


def test_a_restore_over_a_market_that_has_data_is_refused(market, tmp_path):
    folder = backup_make(to=tmp_path / "backups")
    fresh = fresh_install(tmp_path)
    assert manage("migrate", "--noinput", env=fresh).returncode == 0

    refused = manage("restore", str(folder), env=fresh)

    assert refused.returncode != 0
    assert "not empty" in refused.stderr


def test_a_backup_of_another_database_engine_is_refused(market, tmp_path):
    folder = backup_make(to=tmp_path / "backups")
    manifest = json.loads((folder / MANIFEST).read_text())
    (folder / MANIFEST).write_text(json.dumps({**manifest, "database": "postgresql"}))

    refused = manage("restore", str(folder), env=fresh_install(tmp_path))

    assert refused.returncode != 0
    assert "postgresql" in refused.stderr
