"""Stage `search`: every search document rebuilt from what the stages wrote, as `manage.py search_reindex` makes them
(`openhour.search.documents`). On SQLite that is the command itself; on PostgreSQL one INSERT … SELECT per kind
does the same on the server, since the command sends every document through Python in batches of 500."""

import sys
from datetime import datetime

from django.core.management import call_command
from django.db import connection
from django.db.models import Model

from bench.data.plan import Plan
from openhour.accounts.models import Profile, User
from openhour.catalog.models import Hourlie, Skill
from openhour.jobs.models import Project
from openhour.search import documents
from openhour.search.models import SearchDocument

# What str.strip() takes off the ends of a title, so that btrim() takes off the same.
WHITESPACE = "".join(char for char in map(chr, range(sys.maxunicode + 1)) if char.isspace())

# The documents the SQL below writes; if the app's change, so must it (the test compares both).
SOURCES = {
    "project": ("jobs", "Project", ("title",), "description"),
    "person": ("accounts", "User", ("name", "profile__headline"), "profile__bio"),
    "hourlie": ("catalog", "Hourlie", ("title",), "description"),
}


class _Quiet:
    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


def load(plan: Plan, now: datetime) -> str:
    if connection.vendor != "postgresql":
        call_command("search_reindex", stdout=_Quiet())
        return "search index rebuilt"
    return f"{rebuild()} documents"


def rebuild() -> int:
    """documents.rebuild() in SQL: the same rows, in the same order (so with the same ids)."""
    if documents.SOURCES != SOURCES:
        raise SystemExit("openhour.search.documents.SOURCES changed: bench/data/search.py must write what it does")
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SearchDocument._meta.db_table}")  # noqa: S608 -- a model's table
        for kind, statement in _statements():
            cursor.execute(statement, [kind, WHITESPACE])
            count += cursor.rowcount
    return count


def _statements() -> list[tuple[str, str]]:
    profile = Profile._meta.db_table
    return [
        ("project", _insert(Project, "t.title", "t.description", Project.skills.through, "project_id")),
        (
            "person",
            _insert(
                User,
                "coalesce(t.name, '') || ' ' || coalesce(p.headline, '')",
                "p.bio",
                Profile.skills.through,
                "profile_id",
                f"LEFT JOIN {profile} p ON p.user_id = t.id",
            ),
        ),
        ("hourlie", _insert(Hourlie, "t.title", "t.description", Hourlie.skills.through, "hourlie_id")),
    ]


def _insert(model: type[Model], title: str, body: str, through: type[Model], owner: str, join: str = "") -> str:
    """Title (trimmed), the skill names sorted by code point and joined by ', ', and the body, by primary key."""
    return f"""
        INSERT INTO {SearchDocument._meta.db_table} (kind, object_id, title, skills, body)
        SELECT %s, t.id, btrim(coalesce({title}, ''), %s), coalesce(s.names, ''), coalesce({body}, '')
        FROM {model._meta.db_table} t {join}
        LEFT JOIN (
            SELECT x.{owner} AS id, string_agg(k.name, ', ' ORDER BY k.name COLLATE "C") AS names
            FROM {through._meta.db_table} x JOIN {Skill._meta.db_table} k ON k.id = x.skill_id GROUP BY x.{owner}
        ) s ON s.id = t.id
        ORDER BY t.id
    """  # noqa: S608 -- model tables and fixed expressions
