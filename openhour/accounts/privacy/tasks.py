"""The archive is written by the task worker (`manage.py db_worker`): it reads every table about the person and
copies their files, too slow for a request."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def export_prepare_run(*, export_id: int) -> str:
    from openhour.accounts.privacy.services import export_prepare  # the services queue this task

    return export_prepare(export_id=export_id)


def export_prepare_enqueue(*, export_id: int) -> None:
    """Queue the archive; a queue that is down leaves it pending, and the timers round fails it after a while so
    the person can ask again."""
    try:
        export_prepare_run.enqueue(export_id=export_id)
    except Exception:
        logger.exception("Could not queue personal data archive %s.", export_id)
