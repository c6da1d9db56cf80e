from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openhour.catalog.models import Category, Skill
from openhour.lib.money import Currency
from openhour.lib.private_files import private_name, private_storage
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, SYSTEM, ProcessEvent, Timer, step


class BudgetType(models.TextChoices):
    FIXED = "fixed", _("Fixed price")
    HOURLY = "hourly", _("Hourly rate")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: any freelancer can find it")
    INVITE_ONLY = "invite_only", _("Invite only: just the freelancers I invite")


class Project(models.Model):
    """Work a client wants done; freelancers send proposals while it is open."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("project status", "Open")
        CLOSED = "closed", pgettext_lazy("project status", "Closed")
        EXPIRED = "expired", pgettext_lazy("project status", "Expired")
        HIRED = "hired", pgettext_lazy("project status", "Hired")

    TRANSITIONS = {
        (Status.OPEN, "close"): step(Status.CLOSED, CLIENT, OPERATOR),
        (Status.OPEN, "expire"): step(Status.EXPIRED, SYSTEM, OPERATOR),
        (Status.OPEN, "hire"): step(Status.HIRED, SYSTEM),
    }

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=10000)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="projects", verbose_name=_("category")
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="projects", verbose_name=_("skills"))
    budget_type = models.CharField(_("budget type"), max_length=6, choices=BudgetType, default=BudgetType.FIXED)
    budget_min = models.BigIntegerField(_("budget from (minor units)"))
    budget_max = models.BigIntegerField(_("budget up to (minor units)"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency, default=Currency.GBP)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility, default=Visibility.PUBLIC)
    max_proposals = models.PositiveIntegerField(_("proposal cap"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN, editable=False)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("project")
        constraints = [
            models.CheckConstraint(condition=models.Q(budget_min__gt=0), name="project_budget_positive"),
            models.CheckConstraint(
                condition=models.Q(budget_max__gte=models.F("budget_min")), name="project_budget_range"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "visibility", "-created_at"]),
            # the job feed walks open projects newest first and stops after a few hundred
            models.Index(
                fields=["status", "-created_at", "-id"], condition=models.Q(status="open"), name="project_open_newest"
            ),
            # /projects by budget, either way, a page at a time
            models.Index(fields=["budget_max", "id"], condition=models.Q(status="open"), name="project_open_budget"),
        ]

    def __str__(self) -> str:
        return self.title


class AttachedFile(models.Model):
    """A private file attached to a brief or a proposal: stored apart from public media under a random name and
    handed out only by a view that has checked who is asking (jobs.selectors.attachments says who may)."""

    file = models.FileField(upload_to=private_name, storage=private_storage)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    content_type = models.CharField(max_length=100)  # from the checked name, never the sender's claim
    created_at = models.DateTimeField(_("attached"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name


class ProjectFile(AttachedFile):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="files")

    class Meta(AttachedFile.Meta):
        verbose_name = _("brief file")


class ProjectEvent(ProcessEvent):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")


class ProjectTimer(Timer):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="timers")


class Invitation(models.Model):
    """A client asks one freelancer to look at a project; invite-only projects become visible to them."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    freelancer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        constraints = [models.UniqueConstraint(fields=["project", "freelancer"], name="invitation_once_per_freelancer")]

    def __str__(self) -> str:
        return f"{self.project} → {self.freelancer}"


class Proposal(models.Model):
    """A freelancer's offer for a project: a price, a delivery time and milestones that add up to the price."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("proposal status", "Submitted")
        SHORTLISTED = "shortlisted", pgettext_lazy("proposal status", "Shortlisted")
        DECLINED = "declined", pgettext_lazy("proposal status", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "Withdrawn")
        ACCEPTED = "accepted", pgettext_lazy("proposal status", "Accepted")
        CLOSED = "closed", pgettext_lazy("proposal status", "Closed")

    LIVE = (Status.SUBMITTED, Status.SHORTLISTED)
    TRANSITIONS = {
        (Status.SUBMITTED, "withdraw"): step(Status.WITHDRAWN, FREELANCER, OPERATOR),
        (Status.SHORTLISTED, "withdraw"): step(Status.WITHDRAWN, FREELANCER, OPERATOR),
        (Status.SUBMITTED, "shortlist"): step(Status.SHORTLISTED, CLIENT),
        (Status.SUBMITTED, "decline"): step(Status.DECLINED, CLIENT, OPERATOR),
        (Status.SHORTLISTED, "decline"): step(Status.DECLINED, CLIENT, OPERATOR),
        (Status.SUBMITTED, "accept"): step(Status.ACCEPTED, CLIENT),
        (Status.SHORTLISTED, "accept"): step(Status.ACCEPTED, CLIENT),
        # when the project hires someone else, closes or expires
        (Status.SUBMITTED, "close"): step(Status.CLOSED, SYSTEM, OPERATOR),
        (Status.SHORTLISTED, "close"): step(Status.CLOSED, SYSTEM, OPERATOR),
    }

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="proposals")
    freelancer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals")
    cover_letter = models.TextField(_("cover letter"), max_length=5000)
    price = models.BigIntegerField(_("price (minor units)"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency)
    delivery_days = models.PositiveIntegerField(_("delivery in days"))
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.SUBMITTED, editable=False)
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    viewed_at = models.DateTimeField(_("first viewed by the client"), null=True, blank=True)
    uses_allowance = models.BooleanField(_("counts against the monthly allowance"), default=True)
    refunded_at = models.DateTimeField(_("allowance refunded"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposal")
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="proposal_price_positive"),
            models.UniqueConstraint(
                fields=["project", "freelancer"],
                condition=models.Q(status__in=["submitted", "shortlisted"]),
                name="one_live_proposal_per_freelancer",
            ),
        ]
        indexes = [  # a project's proposals for its client, newest or cheapest first, a page at a time
            models.Index(fields=["project", "-created_at", "-id"], name="proposal_project_newest"),
            models.Index(fields=["project", "price", "-created_at", "-id"], name="proposal_project_price"),
        ]

    def __str__(self) -> str:
        return f"{self.freelancer} → {self.project}"


class ProposedMilestone(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=120)
    amount = models.BigIntegerField(_("amount (minor units)"))
    due_in_days = models.PositiveIntegerField(_("due in days"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="proposed_milestone_amount_positive")
        ]

    def __str__(self) -> str:
        return self.title


class ProposalFile(AttachedFile):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="files")

    class Meta(AttachedFile.Meta):
        verbose_name = _("proposal file")


class ProposalEvent(ProcessEvent):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
