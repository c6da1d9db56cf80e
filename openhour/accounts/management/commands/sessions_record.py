"""`manage.py sessions_record`: record the signed-in sessions that predate session recording, once, after
upgrading, so that a credential change ends them too. Sessions in use are recorded by themselves on their
next request; this covers those that sit idle until after a password, e-mail or second-factor change."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from openhour.accounts.access import sessions_record_stored


class Command(BaseCommand):
    help = "Record every signed-in session of the database session store for the sessions page (run once)."

    def handle(self, *args: Any, **options: Any) -> None:
        recorded = sessions_record_stored()
        if recorded is None:
            raise CommandError("SESSION_ENGINE keeps no sessions in the database: nothing to read.")
        self.stdout.write(f"{recorded} sessions recorded.\n")
