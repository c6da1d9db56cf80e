"""The worker's heartbeat is a task: it proves the queue is being worked, not only that a process exists."""

from django_tasks import task


@task()
def worker_heartbeat() -> None:
    from openhour.operations.health.services import heartbeat_record  # services queue this task

    heartbeat_record(process="worker")
