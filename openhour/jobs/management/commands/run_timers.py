import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from openhour.accounts.closing.services.retention import closed_records_erase_due
from openhour.accounts.identity.services.files import identity_files_purge_due
from openhour.accounts.privacy.services import exports_expire_due
from openhour.contracts.disputes.services import disputes_fire_due
from openhour.contracts.hourly.services import weeks_fire_due
from openhour.contracts.services.delivery import milestones_fire_due
from openhour.contracts.timers import contracts_fire_due
from openhour.jobs.services.projects import projects_expire_due
from openhour.lib.outlive import outliving_the_database
from openhour.messaging.notifications.digest import messages_digest_due
from openhour.messaging.notifications.tasks import notification_emails_retry_due
from openhour.messaging.safety.responsiveness import responsiveness_refresh_due
from openhour.messaging.uploads.services import uploads_expire_due
from openhour.money.services.invoices import invoices_number_due
from openhour.operations.health.services import heartbeats_due, task_results_prune_due
from openhour.reviews.integrity.access import access_records_expire_due
from openhour.reviews.integrity.services.moderation import cases_close_due
from openhour.reviews.integrity.services.sanctions import sanctions_expire_due
from openhour.reviews.levels.services import levels_refresh_due
from openhour.reviews.scoring import reputations_refresh_due
from openhour.reviews.services.checks import review_checks_requeue_due
from openhour.reviews.services.rounds import rounds_fire_due
from openhour.search.saved.alerts import saved_search_alerts_due
from openhour.webhooks.services.deliveries import deliveries_requeue_due

# Every process with deadlines adds its "fire what is due" function here.
DUE_TIMERS = [
    projects_expire_due,
    milestones_fire_due,
    contracts_fire_due,
    weeks_fire_due,
    disputes_fire_due,
    messages_digest_due,
    notification_emails_retry_due,
    responsiveness_refresh_due,
    rounds_fire_due,
    reputations_refresh_due,
    sanctions_expire_due,
    levels_refresh_due,
    cases_close_due,
    invoices_number_due,
    access_records_expire_due,
    review_checks_requeue_due,
    uploads_expire_due,
    exports_expire_due,
    identity_files_purge_due,
    deliveries_requeue_due,
    saved_search_alerts_due,
    heartbeats_due,
    task_results_prune_due,
    closed_records_erase_due,
]


class Command(BaseCommand):
    help = (
        "Fire due timers (expiry, reminders, automatic release, disputes, time sheets, message digests, e-mail "
        "retries, review windows, overdue review checks, reputation decay, ended suspensions, unattached uploads, "
        "webhook deliveries whose task was lost) as the system, with the heartbeats the status check reads; "
        "loops unless --once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="fire what is due now, then exit")
        parser.add_argument("--interval", type=int, default=30, help="seconds between rounds")

    def handle(self, *args: Any, once: bool, interval: int, **options: Any) -> None:
        while True:
            fired = outliving_the_database(lambda: sum(fire_due() for fire_due in DUE_TIMERS), name="timers")
            if fired:
                self.stdout.write(f"fired {fired} timer(s)")
            if once:
                return
            time.sleep(interval)
