"""Reviews: after a contract on which money was released, each party reviews the other once.

A contract that ends completed opens a `ReviewRound` with a window (REVIEW_WINDOW_DAYS). A review is
`sealed` when submitted and may be edited until the other side submits or the window closes; then both
are `published` together (double-blind). The round's timers remind those who have not reviewed and close
the window. Reviews are never deleted: later moderation changes their status.
"""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openhour.lib.process import ACTORS, OPERATOR, OWNER, SYSTEM, ProcessEvent, Timer, step

STARS = [MinValueValidator(1), MaxValueValidator(5)]


class ReviewRound(models.Model):
    """The review window of one contract: open from its end until `closes_at`."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("review round status", "Open")
        CLOSED = "closed", pgettext_lazy("review round status", "Closed")  # both reviewed, or the window ended

    contract = models.OneToOneField("contracts.Contract", on_delete=models.PROTECT, related_name="review_round")
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    opened_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Reviews of {self.contract}"


class RoundTimer(Timer):
    """Reminders (to whoever has not reviewed) and the window's close."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="timers")


def _stars(label: Any, *, required: bool = False) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, validators=STARS, null=not required, blank=not required)


class ReviewQuerySet(models.QuerySet["Review"]):
    def shown(self) -> "ReviewQuerySet":
        """Published and not hidden while a flag is checked: what the public, scores and exports see."""
        return self.filter(status=Review.Status.PUBLISHED, hidden_while_checked=False)


class Review(models.Model):
    class Status(models.TextChoices):
        # submitted; hidden from everyone but its author until published
        SEALED = "sealed", pgettext_lazy("review status", "Sealed")
        PUBLISHED = "published", pgettext_lazy("review status", "Published")
        # a clear fake or illegal content: an operator decides
        HELD = "held", pgettext_lazy("review status", "Held for moderation")
        REMOVED = "removed", pgettext_lazy("review status", "Removed")  # by a moderation decision, with its reason

    class Risk(models.TextChoices):
        PUBLISH = "publish", _("Publish")
        QUEUE = "queue", _("Publish and check")
        HOLD = "hold", _("Hold for moderation")

    # Moderation (openhour.reviews.integrity) keeps, removes, redacts or reinstates, always with a reason.
    TRANSITIONS = {
        (Status.SEALED, "edit"): step(Status.SEALED, OWNER),
        (Status.SEALED, "publish"): step(Status.PUBLISHED, SYSTEM, OPERATOR),
        (Status.SEALED, "hold"): step(Status.HELD, SYSTEM),
        (Status.HELD, "keep"): step(Status.PUBLISHED, OPERATOR),
        (Status.HELD, "remove"): step(Status.REMOVED, OPERATOR),
        (Status.HELD, "redact"): step(Status.PUBLISHED, OPERATOR),
        (Status.PUBLISHED, "keep"): step(Status.PUBLISHED, OPERATOR),
        (Status.PUBLISHED, "remove"): step(Status.REMOVED, OPERATOR),
        (Status.PUBLISHED, "redact"): step(Status.PUBLISHED, OPERATOR),
        (Status.REMOVED, "reinstate"): step(Status.PUBLISHED, OPERATOR),
    }

    round = models.ForeignKey(ReviewRound, on_delete=models.PROTECT, related_name="reviews")
    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="reviews")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_written")
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_received")
    author_role = models.CharField(_("written as"), max_length=12, choices=ACTORS)  # client or freelancer
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.SEALED, editable=False)

    overall = _stars(_("Overall"), required=True)
    quality = _stars(_("Quality of work"))
    communication = _stars(_("Communication"))
    expertise = _stars(_("Expertise"))
    timeliness = _stars(_("Timeliness"))
    value = _stars(_("Value for money"))
    clarity = _stars(_("Clarity of the brief"))
    payment_promptness = _stars(_("Payment promptness"))
    scope_stability = _stars(_("Scope stability"))
    would_work_again = models.BooleanField(_("would work together again"))
    went_well = models.TextField(_("what went well"), max_length=3000)
    could_improve = models.TextField(_("what could be better"), max_length=3000, blank=True)
    private_note = models.TextField(_("private note to the platform"), max_length=3000, blank=True)

    # What the public label shows about the work, fixed when the review is written; never the amount. The bands
    # are kept as facts and worded when shown (budget_band, duration_band), in the reader's language.
    category = models.CharField(_("category"), max_length=100, blank=True)
    budget_floor = models.PositiveBigIntegerField(_("budget band from (minor units)"), null=True, blank=True)
    budget_ceiling = models.PositiveBigIntegerField(_("budget band up to (minor units)"), null=True, blank=True)
    budget_currency = models.CharField(_("budget currency"), max_length=3, blank=True, db_default="")
    duration_code = models.CharField(_("duration band"), max_length=10, blank=True, db_default="")
    # The English words older versions stored; shown only where the facts could not be recovered.
    # The columns keep their names, so the previous release reads and writes them while both run.
    budget_band_written = models.CharField(_("budget (as written)"), max_length=40, blank=True, db_column="budget_band")
    duration_band_written = models.CharField(
        _("duration (as written)"), max_length=40, blank=True, db_column="duration_band"
    )

    # The integrity checks' verdict when it was submitted (openhour.reviews.integrity.risk).
    risk_score = models.FloatField(_("risk score"), default=0)
    risk_decision = models.CharField(_("risk decision"), max_length=10, choices=Risk, default=Risk.PUBLISH)
    # A flagged review that is clearly harmful (personal data, extortion) is hidden while it is checked.
    hidden_while_checked = models.BooleanField(default=False)
    # When the task worker finished the integrity checks of its latest text; empty while they run (a submission
    # or an edit empties it). A review is never published before then (openhour.reviews.services.checks).
    checked_at = models.DateTimeField(_("checks finished"), null=True, blank=True)

    submitted_at = models.DateTimeField(_("submitted"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("review")
        constraints = [
            models.UniqueConstraint(fields=["contract", "author"], name="one_review_per_party_and_contract"),
            models.CheckConstraint(condition=models.Q(overall__gte=1, overall__lte=5), name="overall_1_to_5"),
        ]
        indexes = [
            models.Index(fields=["subject", "status", "published_at"]),
            # A person's reviews in one role, newest first: without the role, a freelancer with 20,000 reviews
            # read them all to find that they have none as a client.
            models.Index(
                fields=["subject", "author_role", "status", "published_at"], name="reviews_of_subject_in_role"
            ),
            # The few sealed reviews whose checks have not finished, oldest first: what operators see overdue.
            models.Index(
                fields=["updated_at"],
                condition=models.Q(checked_at=None, status="sealed"),
                name="reviews_being_checked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.subject} ({self.overall}★)"

    @property
    def being_checked(self) -> bool:
        """Submitted, and waiting for its integrity checks before it can be published."""
        return self.checked_at is None and self.status == self.Status.SEALED

    @property
    def reviewer(self) -> str:
        """How the review names its author in public: first name and initial."""
        from openhour.reviews.labels import short_name

        return short_name(self.author)

    @property
    def budget_band(self) -> str:
        """What was paid, as a band in the reader's language: "£250–£1,000", "250 €–1 000 €"."""
        from openhour.reviews.labels import budget_text

        if self.budget_floor is None or not self.budget_currency:
            return self.budget_band_written
        return budget_text(self.budget_floor, self.budget_ceiling, self.budget_currency)

    @property
    def duration_band(self) -> str:
        """How long the work took, as a band in the reader's language: "1–4 weeks", "1 à 4 semaines"."""
        from openhour.reviews.labels import DURATIONS, duration_text

        return duration_text(self.duration_code) if self.duration_code in DURATIONS else self.duration_band_written

    def ratings(self) -> list[tuple[Any, int | None]]:
        """(label, stars) of each criterion the author rated, in the order of the form."""
        from openhour.reviews.criteria import CRITERIA

        return [(label, getattr(self, name)) for name, label in CRITERIA[self.author_role]]


class ReviewEvent(ProcessEvent):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events")


class Reply(models.Model):
    """The reviewed person's one public answer to a published review, editable for REPLY_EDIT_DAYS."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="reply")
    text = models.TextField(_("reply"), max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Reply to review {self.review_id}"


class Reputation(models.Model):
    """A person's reputation in one role, kept current as reviews publish or leave the public and as time passes
    (decay), so that search sorts by it and profiles read it without going through every review. The formula is
    openhour.reviews.scoring; the page /trust/reviews publishes it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reputations")
    role = models.CharField(max_length=12, choices=ACTORS)  # the role they were reviewed in
    score = models.DecimalField(max_digits=4, decimal_places=2, null=True)  # at `computed_at`: what search sorts by
    reviews = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()
    # What the score is made of, so that it can be worked out at any later moment with the current platform mean:
    # Σ wᵢ and Σ wᵢ·rᵢ with each weight decayed to `computed_at` under `half_life_months`.
    half_life_months = models.PositiveSmallIntegerField(null=True)  # None: written before these were stored
    weight = models.FloatField(default=0)
    weighted_total = models.FloatField(default=0)
    overall_total = models.PositiveIntegerField(default=0)  # Σ rᵢ: this person's share of the platform mean
    last_12_months = models.PositiveIntegerField(default=0)  # at `computed_at`
    distribution = models.JSONField(default=dict)  # "5" .. "1" -> how many reviews gave that many stars
    criteria = models.JSONField(default=dict)  # criterion -> average, of the reviews that rated it
    would_again_yes = models.PositiveIntegerField(default=0)
    completed_contracts = models.PositiveIntegerField(default=0)  # in this role, reviewed or not

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_reputation_per_role")]
        # What freelancer search joins and ranks by, read from the index alone.
        indexes = [
            models.Index(
                fields=["user", "score", "reviews"], condition=models.Q(role="freelancer"), name="freelancer_ranking"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} as {self.role}: {self.score}"


class PlatformMean(models.Model):
    """The mean overall rating of every shown review about people in one role: the prior every score is pulled
    towards. Publishing and removing reviews move it (openhour.reviews.scoring), so no page averages them all."""

    role = models.CharField(max_length=12, choices=ACTORS, unique=True)  # the role of the people reviewed
    reviews = models.PositiveIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)  # Σ of their overall ratings
    computed_at = models.DateTimeField()  # when it was last counted from the reviews themselves

    def __str__(self) -> str:
        return f"Mean as {self.role}: {self.mean}"

    @property
    def mean(self) -> float | None:
        return self.total / self.reviews if self.reviews else None
