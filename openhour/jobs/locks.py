from django.utils.translation import gettext as _

from openhour.jobs.models import Project, ProjectTimer
from openhour.lib.errors import NotFound


def lock_project(pk: int) -> Project:
    """Lock the project's pending timers, then the project: the timer worker claims a timer and then
    locks its project, so every writer takes them in that order or could deadlock with it."""
    pending = ProjectTimer.objects.filter(project_id=pk, fired_at__isnull=True, cancelled_at__isnull=True)
    list(pending.select_for_update().values_list("pk", flat=True))
    project = Project.objects.select_for_update().filter(pk=pk).first()
    if project is None:
        raise NotFound(_("No such project."))
    return project
