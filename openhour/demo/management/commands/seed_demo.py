"""`manage.py seed_demo`: load the demo marketplace and print the logins. Safe to run before every start."""

import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from openhour.demo.contracts import seed_contracts
from openhour.demo.money import seed_money
from openhour.demo.people import DEMO_PASSWORD, SeedResult, seed_demo
from openhour.demo.people.second_factor import DEMO_TOTP_SECRET, demo_totp_code
from openhour.demo.reviews import seed_reviews


class Command(BaseCommand):
    help = (
        "Create the demo freelancers, clients, operator, projects, proposals and Hourlies (only what is missing); "
        "print the logins."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even with DEBUG off. Every demo account, the operator included, shares a published password.",
        )

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: refusing to create demo accounts with a published password. "
                "Use --force only on a demo site."
            )
        started = time.monotonic()
        result = seed_demo(password=DEMO_PASSWORD)
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Demo data ready in {elapsed:.1f}s: {len(result.logins)} accounts "
            f"({result.created} new), {result.pictures} pictures drawn, {result.projects} projects "
            f"({result.new_projects} new), {result.proposals} proposals ({result.new_proposals} new), "
            f"{result.hourlies} Hourlies ({result.new_hourlies} new).\n"
        )
        self.stdout.write(seed_money().summary())
        self.stdout.write(f"Demo contracts: {seed_contracts()} played forward.\n")
        self.stdout.write(f"Demo past work with reviews: {seed_reviews()} added.\n")
        call_command("search_reindex", stdout=self.stdout)  # whatever the seeds wrote past the services is found
        self._print_logins(result)
        for username in result.skipped:
            self.stderr.write(f"Skipped {username}: that username belongs to an account outside the demo.")

    def _print_logins(self, result: SeedResult) -> None:
        site, admin = settings.SITE_URL, reverse("admin:index")
        rows = [("role", "e-mail", "password", "page")]
        for login in result.logins:
            page = admin if login.role == "operator" else reverse("public_profile", args=[login.username])
            role = f"{login.role} ({login.language})" if login.language else login.role  # who reads in French…
            rows.append((role, login.email, DEMO_PASSWORD, site + page))
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[3]]))
        operators = [login.email for login in result.logins if login.role == "operator"]
        self.stdout.write(f"\nAdmin: {site}{admin}" + (f" (sign in as {operators[0]})" if operators else ""))
        if operators:
            self.stdout.write(
                f"The operator signs in with two-factor: after the password, enter the code from "
                f"`uv run python manage.py demo_totp` (now {demo_totp_code()}), or add the secret "
                f"{DEMO_TOTP_SECRET} to an authenticator app.\n"
            )
