"""Page latency at each data size under gunicorn, as ratios to /healthz measured in the same run.

    uv run python bench/pages.py postgres://postgres@127.0.0.1:5432/openhour_scale_10k \\
        postgres://postgres@127.0.0.1:5432/openhour_scale_100k [--seconds 5] [--rounds 1]

For each DATABASE_URL (one per data size, smallest first) the script signs people in (sessions and API
tokens written to that database), picks the pages from the data (the freelancer with the most reviews, the
project with the most proposals, the contract with the most milestones, common and rare title words),
counts each page's SQL queries once in-process with Django's test client, then serves the site with gunicorn
(2 workers, DEBUG off, production settings) and runs wrk on every page, each run preceded by one on /healthz,
so the floor is measured beside every figure. It prints markdown tables (per size: p50, p99, req/s, p99 ÷
healthz p99, queries; between sizes: p50 growth; peak worker RSS) and writes them as JSON to
var/bench/pages-<date>.json.
"""

import argparse
import datetime
import http.client
import itertools
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
WRK = "/usr/bin/wrk"
LABEL = "page benchmark"  # the API tokens this script makes; earlier ones are revoked on each run
P99_GOAL = 3.0  # every page's p99 within 3x the /healthz p99
GROWTH_FLAG = 1.5  # a page whose p50 grows more than this from one size to the next is flagged
PROXY = {"X-Forwarded-Proto": "https"}  # as the TLS proxy in front of a production site says
WORD = re.compile(r"[a-z]{4,}")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls", nargs="*", help="one PostgreSQL DATABASE_URL per data size, smallest first")
    parser.add_argument("--seconds", type=float, default=5, help="length of each wrk run (default 5)")
    parser.add_argument("--rounds", type=int, default=1, help="passes over the pages; medians are kept")
    parser.add_argument("--threads", type=int, default=2, help="wrk -t (default 2)")
    parser.add_argument("--connections", type=int, default=8, help="wrk -c (default 8)")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench", help="folder of the JSON results")
    parser.add_argument("--plan", action="store_true", help=argparse.SUPPRESS)  # the in-process step, as JSON
    return parser.parse_args()


# ---- the in-process step: people, pages and query counts, read from the database -------------------------


def plan() -> dict[str, Any]:
    """Runs in a child process with the size's environment; its JSON goes to the parent on stdout."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openhour.settings")
    django.setup()
    cast = people()
    pages = page_list(cast, words())
    for page in pages:
        page["queries"] = query_count(page, cast)
    return {"cast": cast, "pages": pages, "data": row_counts()}


def people() -> dict[str, Any]:
    """Who signs in, what they look at, and their session cookie and API token."""
    from django.db.models import Count

    from openhour.contracts.models import Contract
    from openhour.jobs.models import Project
    from openhour.messaging.models import Participant
    from openhour.reviews.models import Review

    reviewed = (
        Review.objects.filter(status=Review.Status.PUBLISHED, subject__is_freelancer=True)
        .values("subject")
        .annotate(n=Count("id"))
        .order_by("-n", "subject")
        .first()
    )
    project = Project.objects.annotate(n=Count("proposals")).order_by("-n", "pk").first()
    contract = Contract.objects.annotate(n=Count("milestones")).order_by("-n", "pk").first()
    talker = Participant.objects.values("user").annotate(n=Count("id")).order_by("-n", "user").first()
    if not (reviewed and project and contract):
        raise SystemExit("the database needs published reviews, projects and contracts (seed it first)")
    talker = talker or {"user": reviewed["subject"], "n": 0}  # the demo has no conversations: an empty inbox
    ids = {
        "freelancer": reviewed["subject"],
        "owner": project.client_id,
        "party": contract.client_id,
        "talker": talker["user"],
    }
    signed = {pk: signed_in(pk) for pk in set(ids.values())}  # one session and token per person
    cast: dict[str, Any] = {role: dict(signed[pk]) for role, pk in ids.items()}
    cast["freelancer"]["reviews"] = reviewed["n"]
    cast["owner"]["project"], cast["owner"]["proposals"] = project.pk, project.n
    cast["party"]["contract"], cast["party"]["milestones"] = contract.pk, contract.n
    cast["talker"]["conversations"] = talker["n"]
    return cast


def signed_in(user_id: int) -> dict[str, Any]:
    """A session made as the sign-in does (Client.force_login) and a token from the token service."""
    from django.conf import settings
    from django.test import Client

    from openhour.accounts.models import AccessToken, User
    from openhour.accounts.services import access_token_create

    user = User.objects.get(pk=user_id)
    browser = Client()
    browser.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    AccessToken.objects.filter(user=user, label=LABEL).delete()
    _token, secret = access_token_create(user=user, label=LABEL)
    return {
        "username": user.username,
        "cookie": f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}",
        "bearer": f"Bearer {secret}",
    }


def words() -> dict[str, str]:
    """A common and a rare word of open project titles, and a common word of freelancers' headlines."""
    from openhour.accounts.models import Profile
    from openhour.jobs.models import Project

    titles = Counter(
        word
        for title in Project.objects.filter(status=Project.Status.OPEN).values_list("title", flat=True)
        for word in set(WORD.findall(title.lower()))
    )
    headlines = Counter(
        word for line in Profile.objects.values_list("headline", flat=True) for word in WORD.findall(line.lower())
    )
    rare = sorted(word for word, n in titles.items() if n == 1) or ["nothing"]
    return {
        "common": titles.most_common(1)[0][0] if titles else "project",
        "rare": rare[len(rare) // 2],
        "headline": headlines.most_common(1)[0][0] if headlines else "developer",
    }


def page_list(cast: dict[str, Any], word: dict[str, str]) -> list[dict[str, Any]]:
    """Each page as (name that stays the same across sizes, path, who asks): `cookie` and `bearer` name a cast
    member whose session or token goes with it; neither is a visitor."""
    freelancer, project, contract = cast["freelancer"]["username"], cast["owner"]["project"], cast["party"]["contract"]
    rows = [
        ("/feed", "/feed", "cookie", "freelancer"),
        ("/api/v1/feed", "/api/v1/feed", "bearer", "freelancer"),
        ("/projects?q=<common word>", f"/projects?q={word['common']}", "", ""),
        ("/api/v1/projects?q=<common word>", f"/api/v1/projects?q={word['common']}", "", ""),
        ("/projects?q=<rare word>", f"/projects?q={word['rare']}", "", ""),
        ("/api/v1/projects?q=<rare word>", f"/api/v1/projects?q={word['rare']}", "", ""),
        ("/projects", "/projects", "", ""),
        ("/api/v1/projects", "/api/v1/projects", "", ""),
        ("/freelancers?q=<headline word>", f"/freelancers?q={word['headline']}", "", ""),
        ("/api/v1/freelancers?q=<headline word>", f"/api/v1/freelancers?q={word['headline']}", "", ""),
        ("/projects/<most proposals>/proposals", f"/projects/{project}/proposals", "cookie", "owner"),
        ("/api/v1/projects/<most proposals>/proposals", f"/api/v1/projects/{project}/proposals", "bearer", "owner"),
        ("/u/<most reviewed>", f"/u/{freelancer}", "", ""),
        ("/api/v1/users/<most reviewed>", f"/api/v1/users/{freelancer}", "", ""),
        ("/u/<most reviewed>/reviews", f"/u/{freelancer}/reviews", "", ""),
        ("/api/v1/users/<most reviewed>/reviews", f"/api/v1/users/{freelancer}/reviews", "", ""),
        ("/api/v1/users/<most reviewed>/reputation", f"/api/v1/users/{freelancer}/reputation", "", ""),
        ("/hourlies", "/hourlies", "", ""),
        ("/api/v1/hourlies", "/api/v1/hourlies", "", ""),
        ("/contracts/<most milestones>", f"/contracts/{contract}", "cookie", "party"),
        ("/api/v1/contracts/<most milestones>", f"/api/v1/contracts/{contract}", "bearer", "party"),
        ("/dashboard", "/dashboard", "cookie", "freelancer"),
        ("/api/v1/contracts", "/api/v1/contracts", "bearer", "freelancer"),
        ("/messages", "/messages", "cookie", "talker"),
        ("/api/v1/conversations", "/api/v1/conversations", "bearer", "talker"),
    ]
    return [{"name": name, "path": path, "auth": auth, "as": who} for name, path, auth, who in rows]


def headers_for(page: dict[str, Any], cast: dict[str, Any]) -> dict[str, str]:
    if page["auth"] == "cookie":
        return {**PROXY, "Cookie": cast[page["as"]]["cookie"]}
    if page["auth"] == "bearer":
        return {**PROXY, "Authorization": cast[page["as"]]["bearer"]}
    return dict(PROXY)


def query_count(page: dict[str, Any], cast: dict[str, Any]) -> int:
    """Queries of the second fetch (the first records the session's activity and fills caches)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    browser = Client(headers=headers_for(page, cast), secure=True)
    first = browser.get(page["path"])
    if first.status_code != 200:
        raise SystemExit(f"{page['path']} answered {first.status_code} in-process")
    with CaptureQueriesContext(connection) as queries:
        browser.get(page["path"])
    return len(queries)


def row_counts() -> dict[str, int]:
    from openhour.accounts.models import User
    from openhour.contracts.models import Contract
    from openhour.jobs.models import Project, Proposal
    from openhour.reviews.models import Review

    models = {"users": User, "projects": Project, "proposals": Proposal, "contracts": Contract, "reviews": Review}
    return {name: model.objects.count() for name, model in models.items()}


# ---- serving and measuring -------------------------------------------------------------------------------


def environment(url: str, folder: Path, secret_key: str) -> dict[str, str]:
    """What a production run sets: DEBUG off, a real secret, hosts, persistent connections, its own var/."""
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    return env | {
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DB_CONN_MAX_AGE": "60",
        "VAR_DIR": str(folder),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "openhour.settings",
    }


def manage(env: dict[str, str], *command: str) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603


def planned(env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run(  # noqa: S603 -- this script, with --plan
        [sys.executable, __file__, "--plan"], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True
    )
    return dict(json.loads(out.stdout))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gunicorn", "openhour.wsgi", "--no-control-socket", "--workers", "2"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not answer within a minute")


def fetch(port: int, path: str, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers)
    status = connection.getresponse().status
    connection.close()
    return status


def warm(port: int, pages: list[dict[str, Any]], cast: dict[str, Any]) -> None:
    """Every page answers 200 through gunicorn (not a redirect to the sign-in) before wrk sees it."""
    for page in pages:
        statuses = {fetch(port, page["path"], headers_for(page, cast)) for _ in range(4)}
        if statuses != {200}:
            raise SystemExit(f"{page['path']} answered {sorted(statuses)} through gunicorn")


def wrk(port: int, path: str, headers: dict[str, str], args: argparse.Namespace) -> dict[str, float]:
    command = [WRK, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds:g}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(  # noqa: S603 -- our own arguments
        [*command, f"http://127.0.0.1:{port}{path}"], check=True, capture_output=True, text=True
    ).stdout
    for _ in range(2):  # requests wrk left queued in gunicorn's backlog are served before the next run starts
        fetch(port, "/healthz", PROXY)
    return read_wrk(out)


def read_wrk(out: str) -> dict[str, float]:
    """p50 and p99 in milliseconds, requests per second, and responses that were not 2xx/3xx or failed."""

    def latency(percent: str) -> float:
        found = re.search(rf"^\s+{percent}%\s+([0-9.]+)(us|ms|s|m)\s*$", out, re.MULTILINE)
        if found is None:
            raise SystemExit(f"no {percent}% line in wrk's output:\n{out}")
        return float(found.group(1)) * UNITS[found.group(2)]

    rate = re.search(r"^Requests/sec:\s+([0-9.]+)", out, re.MULTILINE)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    failed = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    errors += sum(int(n) for n in failed.groups()) if failed else 0
    return {"p50": latency("50"), "p99": latency("99"), "rps": float(rate.group(1)) if rate else 0.0, "errors": errors}


def peak_rss_mb(server: subprocess.Popen[bytes]) -> float:
    """The largest peak resident set (VmHWM) among the gunicorn master's children, the workers."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        if found:
            peaks.append(int(found.group(1)) / 1024)
    return max(peaks, default=0.0)


def measure(
    port: int, found: dict[str, Any], args: argparse.Namespace
) -> tuple[list[dict[str, Any]], list[dict[str, float]]]:
    """Rounds of healthz, page A, healthz, page B ...; each page keeps the median of its rounds."""
    runs: dict[str, list[dict[str, float]]] = {page["name"]: [] for page in found["pages"]}
    floors: list[dict[str, float]] = []
    for _round in range(args.rounds):
        for page in found["pages"]:
            floors.append(wrk(port, "/healthz", PROXY, args))
            runs[page["name"]].append(wrk(port, page["path"], headers_for(page, found["cast"]), args))
    rows = []
    for page in found["pages"]:
        taken = runs[page["name"]]
        figures = {key: statistics.median(run[key] for run in taken) for key in ("p50", "p99", "rps")}
        rows.append(page | figures | {"errors": sum(int(run["errors"]) for run in taken)})
    return rows, floors


def run_size(url: str, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="openhour-pages-") as folder:
        env = environment(url, Path(folder), secrets.token_urlsafe(48))
        manage(env, "collectstatic", "--noinput", "-v", "0")  # the manifest DEBUG-off pages need
        found = planned(env)
        port = free_port()
        server = serve(env, port)
        try:
            warm(port, found["pages"], found["cast"])
            wrk(port, "/healthz", PROXY, args)  # one run to settle the workers first
            rows, floors = measure(port, found, args)
            rss = peak_rss_mb(server)
        finally:
            server.terminate()
            server.wait(timeout=30)
    p99s = [run["p99"] for run in floors]
    healthz = {"p50": statistics.median(run["p50"] for run in floors), "p99": statistics.median(p99s)}
    healthz |= {"p99_min": min(p99s), "p99_max": max(p99s), "rps": statistics.median(run["rps"] for run in floors)}
    for row in rows:
        row["ratio"] = row["p99"] / healthz["p99"]
    name = urlsplit(url).path.lstrip("/")
    return {"database": name, "data": found["data"], "healthz": healthz, "pages": rows, "peak_rss_mb": rss}


# ---- the report ------------------------------------------------------------------------------------------


def size_table(size: dict[str, Any]) -> list[str]:
    data, floor = size["data"], size["healthz"]
    lines = [
        f"### {size['database']} ({', '.join(f'{n:,} {what}' for what, n in data.items())})",
        "",
        f"/healthz p99 {floor['p99']:.2f} ms (median of the runs beside the pages; "
        f"{floor['p99_min']:.2f}–{floor['p99_max']:.2f}). Peak worker RSS {size['peak_rss_mb']:.0f} MB.",
        "",
        f"| page | queries | p50 ms | p99 ms | req/s | p99 ÷ healthz p99 | goal ≤ {P99_GOAL:g}× |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in size["pages"]:
        verdict = "ok" if page["ratio"] <= P99_GOAL else "**over**"
        if page["errors"]:
            verdict += f" ({page['errors']} failed or timed out)"
        lines.append(
            f"| `{page['name']}` | {page['queries']} | {page['p50']:.2f} | {page['p99']:.2f} | "
            f"{page['rps']:.0f} | {page['ratio']:.2f}× | {verdict} |"
        )
    return [*lines, ""]


def growth_table(sizes: list[dict[str, Any]]) -> list[str]:
    names = [size["database"] for size in sizes]
    steps = [f"{a} → {b}" for a, b in itertools.pairwise(names)]
    lines = [
        f"### p50 growth between sizes (goal: flat; flagged above {GROWTH_FLAG:g}×)",
        "",
        "| page | " + " | ".join(f"p50 {name}" for name in names) + " | " + " | ".join(steps) + " | queries |",
        "| --- |" + " ---: |" * (len(names) + len(steps)) + " --- |",
    ]
    floor = {"name": "/healthz", "queries": "–"}  # the floor's own drift, to read the pages' growth against
    by_size = [{"/healthz": floor | size["healthz"]} | {page["name"]: page for page in size["pages"]} for size in sizes]
    for name in by_size[0]:
        p50s = [pages[name]["p50"] for pages in by_size]
        growth = [b / a for a, b in itertools.pairwise(p50s)]
        cells = [f"{g:.2f}×" + (" **flag**" if g > GROWTH_FLAG else "") for g in growth]
        queries = " → ".join(str(pages[name]["queries"]) for pages in by_size)
        lines.append(
            f"| `{name}` | " + " | ".join(f"{p:.2f}" for p in p50s) + " | " + " | ".join(cells) + f" | {queries} |"
        )
    rss = ", ".join(f"{size['database']} {size['peak_rss_mb']:.0f} MB" for size in sizes)
    return [*lines, "", f"Peak gunicorn worker RSS: {rss}.", ""]


def report(sizes: list[dict[str, Any]], args: argparse.Namespace) -> str:
    lines = [
        f"## Pages, {datetime.date.today()}: gunicorn 2 workers, wrk -t{args.threads} -c{args.connections} "
        f"-d{args.seconds:g}s, {args.rounds} round(s)",
        "",
    ]
    for size in sizes:
        lines += size_table(size)
    if len(sizes) > 1:
        lines += growth_table(sizes)
    return "\n".join(lines)


def main() -> None:
    args = arguments()
    if args.plan:
        print(json.dumps(plan()))
        return
    if not args.urls:
        raise SystemExit("name at least one DATABASE_URL (postgres://...), one per data size")
    if not Path(WRK).exists():
        raise SystemExit(f"needs wrk at {WRK} (apt-get install -y wrk)")
    sizes = [run_size(url, args) for url in args.urls]
    print(report(sizes, args))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"pages-{datetime.date.today()}.json"
    settings = {key: getattr(args, key) for key in ("seconds", "rounds", "threads", "connections")}
    path.write_text(json.dumps({"settings": settings, "sizes": sizes}, indent=1))
    print(f"(written to {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path})")


if __name__ == "__main__":
    main()
