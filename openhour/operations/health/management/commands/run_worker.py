from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from openhour.lib.outlive import outliving_the_database


class Command(DatabaseWorker):
    help = (
        "Run the task worker (django-tasks-db's db_worker, same options) so that it outlives a locked or restarting "
        "database: it waits and goes on instead of exiting. Never reloads on code changes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        options["reload"] = False  # the reloader runs the worker in a child this loop could not watch
        outliving_the_database(lambda: super(Command, self).handle(*args, **options), name="worker")
