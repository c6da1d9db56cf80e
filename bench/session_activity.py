"""What recording signed-in sessions costs a request: allauth's own tracking next to ours.

    python bench/session_activity.py [--requests 300]

A fresh SQLite database under a temporary VAR_DIR is migrated, one person signs in through the sign-in page,
then the same signed-in page is asked for --requests times with each middleware in place: allauth's
`UserSessionsMiddleware` with USERSESSIONS_TRACK_ACTIVITY (it writes the session row on every request), and
ours (openhour.accounts.access.SessionActivityMiddleware, at most once per SESSION_ACTIVITY_SECONDS). The
table shows queries and writes per request and the time per request relative to no recording at all
(the quickest of three alternating rounds, as the machine is shared).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OURS = "openhour.accounts.access.SessionActivityMiddleware"
ALLAUTH = "allauth.usersessions.middleware.UserSessionsMiddleware"
PASSWORD = "a-bench-passphrase-that-is-long"  # noqa: S105 -- a throwaway account in a temporary database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="openhour-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openhour.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    rounds = [[measure(name, middleware, args.requests) for name, middleware in variants()] for _ in range(3)]
    rows = [min(runs, key=lambda row: row[3]) for runs in zip(*rounds, strict=True)]  # the quickest of 3 rounds
    base = rows[0][3]
    print(f"{'recording':<32} {'queries/req':>11} {'writes/req':>10} {'time vs none':>12}")
    for name, queries, writes, seconds in rows:
        print(f"{name:<32} {queries:>11.2f} {writes:>10.2f} {seconds / base:>11.2f}x")


def variants() -> list[tuple[str, list[str]]]:
    from django.conf import settings

    without = [m for m in settings.MIDDLEWARE if m != OURS]
    at = without.index("allauth.account.middleware.AccountMiddleware") + 1
    return [
        ("none", without),
        ("allauth TRACK_ACTIVITY", [*without[:at], ALLAUTH, *without[at:]]),
        ("ours (SESSION_ACTIVITY_SECONDS)", [*without[:at], OURS, *without[at:]]),
    ]


def measure(name: str, middleware: list[str], count: int) -> tuple[str, float, float, float]:
    from allauth.account.models import EmailAddress
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from openhour.accounts.models import User

    email = f"bench-{len(name)}-{time.monotonic_ns()}@example.com"
    user = User.objects.create_user(username=email.split("@")[0], email=email, password=PASSWORD, name="Bench")
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    tracking = name.startswith("allauth")
    with override_settings(MIDDLEWARE=middleware, USERSESSIONS_TRACK_ACTIVITY=tracking, ALLOWED_HOSTS=["testserver"]):
        browser = Client()
        assert browser.post("/accounts/login/", {"login": email, "password": PASSWORD}).status_code == 302
        browser.get("/me/security")  # warm up templates and caches
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            for _ in range(count):
                assert browser.get("/me/security").status_code == 200
            elapsed = time.perf_counter() - started
    writes = sum(1 for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE")))
    return name, len(queries.captured_queries) / count, writes / count, elapsed / count


if __name__ == "__main__":
    main()
