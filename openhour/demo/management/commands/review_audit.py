"""`manage.py review_audit`: recall, precision, honest reviews held and queued, and publication parity by star
level, per move and overall.

Without `--seeds` it audits what is planted in this site's database (`seed_manipulation`). With
`--seeds 11,12,13` every seed is played on a fresh database of its own: a migrated SQLite file copied into a
temporary VAR_DIR (so also its own cache, mail and media), the demo seeded, both generators run, and the
outcomes pooled here, a few seeds at a time in parallel."""

import json
import os
import shutil
import subprocess  # nosec B404  # this very manage.py, with arguments of our own
import sys
import tempfile
from argparse import ArgumentParser
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from openhour.demo.manipulation.audit import Outcome, as_dicts, audit_table, from_dicts, outcomes, summary
from openhour.demo.manipulation.labels import planted_labels

DATABASE_FILE = "openhour.sqlite3"


class Command(BaseCommand):
    help = (
        "Print, per red-team and honest move and overall, how many manipulated reviews the checks caught, how "
        "precise they are, how many honest reviews were held or queued, and whether 1–2★ reviews publish like 4–5★."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--seeds", help="Comma-separated generator seeds, each played on a fresh database")
        parser.add_argument("--parallel", type=int, default=3, help="Seeds played at once (with --seeds)")
        parser.add_argument("--no-demo", action="store_true", help="Play the generators without the demo data")
        parser.add_argument("--play-seed", type=int, help=argparse_hidden())
        parser.add_argument("--out", help=argparse_hidden())

    def handle(self, *args: Any, **options: Any) -> None:
        if options["play_seed"] is not None:
            self._play(options["play_seed"], Path(options["out"]), demo=not options["no_demo"])
            return
        if options["seeds"]:
            seeds = [int(seed) for seed in options["seeds"].split(",") if seed.strip()]
            found = play_seeds(seeds, parallel=options["parallel"], demo=not options["no_demo"], log=self.stderr.write)
        else:
            if not planted_labels():
                raise CommandError("Nothing is planted: run `manage.py seed_manipulation` first, or pass --seeds.")
            found = outcomes()
        self.stdout.write(audit_table(summary(found)))

    def _play(self, seed: int, out: Path, demo: bool) -> None:
        """In a fresh database: the demo, then seed `seed` of both generators; the outcomes to `out`."""
        from django.core.management import call_command

        from openhour.demo.manipulation.generate import generate

        if demo:
            from openhour.demo.contracts import seed_contracts
            from openhour.demo.money import seed_money
            from openhour.demo.people import seed_demo
            from openhour.demo.reviews import seed_reviews

            seed_demo()
            seed_money()
            seed_contracts()
            seed_reviews()
        generate(seed)
        call_command("db_worker", batch=True, verbosity=0)  # checks queued for the worker, if any, run now
        out.write_text(json.dumps(as_dicts(outcomes(seed))))


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


def _run(args: list[str], var_dir: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env |= {"VAR_DIR": str(var_dir), "DEBUG": "1"}
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if done.returncode:
        raise CommandError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")


def play_seeds(seeds: list[int], *, parallel: int = 3, demo: bool = True, log: Any = print) -> list[Outcome]:
    """Every seed on a fresh database of its own; their outcomes pooled."""
    with tempfile.TemporaryDirectory(prefix="review-audit-") as scratch:
        root = Path(scratch)
        template = root / "template"
        template.mkdir()
        log("Migrating a fresh database…\n")
        _run(["migrate", "--noinput", "-v", "0"], template)

        def one(seed: int) -> list[Outcome]:
            var_dir = root / f"seed-{seed}"
            var_dir.mkdir()
            for part in template.glob(DATABASE_FILE + "*"):  # with its write-ahead log, if one is left
                shutil.copy(part, var_dir / part.name)
            out = var_dir / "outcomes.json"
            args = ["review_audit", "--play-seed", str(seed), "--out", str(out)]
            _run([*args, "--no-demo"] if not demo else args, var_dir)
            log(f"Seed {seed} played.\n")
            return from_dicts(json.loads(out.read_text()))

        with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
            return [outcome for found in pool.map(one, seeds) for outcome in found]
