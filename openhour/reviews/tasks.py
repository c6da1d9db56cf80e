"""The review checks, run by the task worker (`manage.py db_worker`): see openhour.reviews.services.checks."""

from django_tasks import task


@task()
def review_checks_run(*, review_id: int) -> bool:
    """Check one review and publish it if its round closed while it waited; False if it was already checked."""
    from openhour.reviews.services.checks import review_checks_finish  # the services queue this task

    return review_checks_finish(review_id=review_id)
