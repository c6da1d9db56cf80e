"""Lighthouse scores of the ten public pages, served as in production: gunicorn, DEBUG off, compressed static files.

    uv run python bench/lighthouse.py [--runs 3] [--goal 95] [--preset mobile|desktop]

The script makes a database of its own in a temporary folder (migrate, collectstatic, seed_demo --force), serves it
with gunicorn (2 workers) on a free loopback port, and runs lighthouse@12 (installed with npm under
var/lighthouse/ the first time; Node 20 is enough) with Debian's Chromium (CHROME_PATH, default /usr/bin/chromium)
`--runs` times on each page, one run at a time. It prints the median score of each category (performance,
accessibility, best practices, SEO) per page as a markdown table, with the audits that cost points in the median
run, writes the table as JSON to var/bench/lighthouse-<date>.json (and each page's median report under
var/bench/lighthouse/), and exits 1 when a median is below `--goal`.
A measurement, not a test: scores move with the machine's load, which is why the median is taken.
"""

import argparse
import datetime
import http.client
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_DIR = ROOT / "var" / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
ATTEMPTS = 3
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-sync"
# The rows each page shows, picked from the seeded data in a child process (Django set up with the run's settings).
PICK = """
import json
from openhour.seo import selectors
project = selectors.public_projects().order_by("-pk").first()
hourlie = selectors.public_hourlies().first()
person = selectors.public_profiles().order_by("-profile__freelancer_reviews", "pk").first()
print("PICKED=" + json.dumps({"project": project.pk, "hourlie": hourlie.pk, "person": person.username}))
"""


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is kept")
    parser.add_argument("--goal", type=int, default=95, help="the lowest median score that passes (default 95)")
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile", help="device (default mobile)")
    parser.add_argument(
        "--cpu-slowdown",
        type=float,
        default=None,
        help="Lighthouse's CPU slowdown multiplier (default its own, 4 on mobile); the table prints the host's "
        "benchmark index, by which Lighthouse's throttling guide calibrates it on slower machines",
    )
    parser.add_argument("--only", nargs="*", default=[], help="only the pages with these names")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench", help="folder of the JSON results")
    return parser.parse_args()


def lighthouse_installed() -> Path:
    """lighthouse@12 under var/lighthouse/ (not in the repository); npm installs it the first time."""
    if not LIGHTHOUSE_CLI.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("npm is needed to install lighthouse@12 (Node 20 or later)")
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        command = [npm, "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund", "lighthouse@12"]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 -- a fixed command
    return LIGHTHOUSE_CLI


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(folder: Path, port: int) -> dict[str, str]:
    """Production settings on plain http over loopback: DEBUG off, a real secret, its own database and var/."""
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DATABASE_URL"}}
    return env | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",  # nothing speaks TLS here; a proxy would in production
        "DATABASE_URL": f"sqlite:///{folder / 'lighthouse.sqlite3'}",
        "VAR_DIR": str(folder),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "openhour.settings",
    }


def manage(env: dict[str, str], *command: str) -> str:
    out = subprocess.run(  # noqa: S603 -- manage.py with our own arguments
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout


def prepare(env: dict[str, str]) -> dict[str, Any]:
    """A seeded database and collected static files; returns the rows the pages show."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "seed_demo", "--force")
    picked = [line for line in manage(env, "shell", "-c", PICK).splitlines() if line.startswith("PICKED=")]
    return dict(json.loads(picked[-1].removeprefix("PICKED=")))


def page_list(picked: dict[str, Any], port: int) -> list[tuple[str, str]]:
    levels = "/trust/levels" if status(port, "/trust/levels") == 200 else "/trust/transparency"
    return [
        ("home", "/"),
        ("projects", "/projects"),
        ("project", f"/projects/{picked['project']}"),
        ("freelancers", "/freelancers"),
        ("profile", f"/u/{picked['person']}"),
        ("hourlies", "/hourlies"),
        ("hourlie", f"/hourlies/{picked['hourlie']}"),
        ("fees", "/fees"),
        ("trust-reviews", "/trust/reviews"),
        (levels.removeprefix("/").replace("/", "-"), levels),
    ]


def status(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    code = connection.getresponse().status
    connection.close()
    return code


def serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gunicorn", "openhour.wsgi", "--no-control-socket", "--workers", "2"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 -- our own arguments
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if status(port, "/healthz") == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within a minute")


def audit(cli: Path, url: str, args: argparse.Namespace) -> dict[str, Any]:
    """One Lighthouse run: the report as JSON."""
    command = ["node", str(cli), url, "--output=json", "--output-path=stdout", "--quiet"]
    command += [f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    if args.preset == "desktop":
        command.append("--preset=desktop")
    if args.cpu_slowdown is not None:
        command.append(f"--throttling.cpuSlowdownMultiplier={args.cpu_slowdown:g}")
    env = os.environ | {"CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for attempt in range(ATTEMPTS):  # on a busy machine Chromium now and then misses a deadline of Lighthouse's
        out = subprocess.run(command, capture_output=True, text=True, env=env)  # noqa: S603
        if out.returncode == 0:
            return dict(json.loads(out.stdout))
        print(f"Lighthouse failed on {url} (attempt {attempt + 1}): {out.stderr.strip()[-500:]}", file=sys.stderr)
    raise SystemExit(f"Lighthouse failed {ATTEMPTS} times on {url}")


def scores(report: dict[str, Any]) -> dict[str, int]:
    return {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}


def losses(report: dict[str, Any]) -> list[str]:
    """The scored audits that did not pass, worst first: what to fix."""
    found = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 0.9:
                shown = result.get("displayValue") or result["score"]
                found.append((result["score"], f"{name}: {ref['id']} ({shown})"))
    return [text for _score, text in sorted(found)]


def measure(cli: Path, port: int, pages: list[tuple[str, str]], args: argparse.Namespace) -> list[dict[str, Any]]:
    rows = []
    for name, path in pages:
        runs = []
        for _ in range(args.runs):
            report = audit(cli, f"http://127.0.0.1:{port}{path}", args)
            runs.append((scores(report), report))
        medians = {category: statistics.median(run[category] for run, _r in runs) for category in CATEGORIES}
        middle = sorted(runs, key=lambda run: run[0]["performance"])[len(runs) // 2][1]
        benchmark = statistics.median(report["environment"]["benchmarkIndex"] for _s, report in runs)
        rows.append({"page": name, "path": path, "medians": medians, "runs": [run for run, _r in runs]})
        rows[-1]["benchmark_index"] = benchmark
        rows[-1]["losses"] = losses(middle)
        (args.out / "lighthouse").mkdir(parents=True, exist_ok=True)
        (args.out / "lighthouse" / f"{name}.json").write_text(json.dumps(middle))  # the full report, to dig into
        print(f"{name:15} {path:28} " + " ".join(f"{medians[c]:>5g}" for c in CATEGORIES), flush=True)
    return rows


def table(rows: list[dict[str, Any]], args: argparse.Namespace) -> str:
    slowdown = "Lighthouse's CPU slowdown" if args.cpu_slowdown is None else f"CPU slowdown {args.cpu_slowdown:g}x"
    index = statistics.median(row["benchmark_index"] for row in rows)
    lines = [
        f"## Lighthouse 12, {args.preset}, median of {args.runs} runs, gunicorn with DEBUG off",
        "",
        f"{slowdown}; the host's benchmark index (median) was {index:.0f}.",
        "",
        "| page | path | performance | accessibility | best practices | SEO |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        marks = [f"{row['medians'][c]:g}" + (" ✗" if row["medians"][c] < args.goal else "") for c in CATEGORIES]
        lines.append(f"| {row['page']} | {row['path']} | " + " | ".join(marks) + " |")
    lines.append("")
    for row in rows:
        if row["losses"]:
            lines.append(f"- {row['page']}: " + "; ".join(row["losses"]))
    return "\n".join(lines)


def main() -> int:
    args = arguments()
    cli = lighthouse_installed()
    with tempfile.TemporaryDirectory(prefix="openhour-lighthouse-") as folder:
        port = free_port()
        env = environment(Path(folder), port)
        picked = prepare(env)
        server = serve(env, port)
        try:
            pages = [page for page in page_list(picked, port) if not args.only or page[0] in args.only]
            rows = measure(cli, port, pages, args)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(table(rows, args))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"lighthouse-{datetime.date.today()}.json").write_text(json.dumps(rows, indent=2))
    below = [row["page"] for row in rows if min(row["medians"].values()) < args.goal]
    if below:
        print(f"Below {args.goal}: {', '.join(below)}", file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
