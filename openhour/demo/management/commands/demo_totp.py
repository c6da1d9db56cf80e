"""`manage.py demo_totp`: the demo operator's current two-factor code (from the published demo secret)."""

from typing import Any

from django.core.management.base import BaseCommand

from openhour.demo.people.second_factor import DEMO_TOTP_SECRET, demo_totp_code


class Command(BaseCommand):
    help = "Print the demo operator's current authenticator code, and the secret to add to an authenticator app."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{demo_totp_code()}\n")
        if options["verbosity"] > 1:
            self.stdout.write(f"Secret for an authenticator app: {DEMO_TOTP_SECRET}\n")
