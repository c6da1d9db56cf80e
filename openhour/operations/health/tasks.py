"""The worker's heartbeat is a task: it proves the queue is being worked, not only that a process exists. Each beat
queues the next one BEAT_EVERY later, so the worker beats while the timers are stopped too; the timers start the
chain again if it is ever lost."""

from datetime import timedelta

from django_tasks import task

BEAT_EVERY = timedelta(seconds=30)


@task()
def worker_heartbeat() -> None:
    from openhour.operations.health.services import heartbeat_next, heartbeat_record  # services queue this task

    heartbeat_record(process="worker")
    if worker_heartbeat.get_backend().supports_defer:  # a backend that runs tasks at once (tests) would loop
        heartbeat_next(after=BEAT_EVERY)
