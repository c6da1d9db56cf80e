"""Review integrity: the evidence the checks use, the risk signals they find, flags, moderation cases with
their audit log, sanctions and off-platform testimonials."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openhour.lib.process import OPERATOR, OWNER, SYSTEM, ProcessEvent, step


class AccessRecord(models.Model):
    """Something a person did that ties an account to a place and a browser: signing up or in, creating an API
    token, moving money, writing a review; through the pages or the API. Kept INTEGRITY_ACCESS_RETENTION_DAYS
    (see `access.records_expire`); the conflict check compares them between accounts."""

    class Kind(models.TextChoices):
        SIGNUP = "signup", _("Sign-up")
        LOGIN = "login", _("Sign-in")
        TOKEN = "token", _("API token created")
        DEPOSIT = "deposit", _("Card payment into the wallet")
        FUND = "fund", _("Milestone or order paid")
        WITHDRAW = "withdraw", _("Withdrawal requested")
        REVIEW = "review", _("Review submitted")
        REVIEW_EDIT = "review_edit", _("Review edited")

    class Door(models.TextChoices):
        WEB = "web", _("Pages")
        API = "api", _("API")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_records")
    kind = models.CharField(max_length=20, choices=Kind)
    door = models.CharField(max_length=3, choices=Door, default=Door.WEB)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    device = models.CharField(max_length=64, blank=True, db_index=True)
    agent = models.CharField(max_length=40, blank=True)  # the user-agent family ("Firefox", "curl"), never the string
    # The API token the request used (or created); a plain number, so revoking the token keeps the evidence.
    api_token_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.kind} of {self.user_id} from {self.ip}"


def listed_reviews(evidence: Mapping[str, Any]) -> set[int]:
    """The reviews a finding's evidence lists under `reviews` (ids, or rows naming one): those in its pattern."""
    return {row["review"] if isinstance(row, dict) else row for row in evidence.get("reviews", [])}


class RiskSignal(models.Model):
    """One check's finding about a new review, with the evidence an operator reads."""

    class Kind(models.TextChoices):
        DUPLICATE = "duplicate", _("Near-duplicate text")
        CONFLICT = "conflict", _("Conflict of interest")
        WASH_TRADING = "wash_trading", _("Wash trading")
        BURST = "burst", _("Burst of reviews")
        INCENTIVE = "incentive", _("Incentive or threat")

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="signals")
    kind = models.CharField(max_length=20, choices=Kind)
    score = models.FloatField()  # 0 (nothing) to 1 (certain)
    evidence = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [models.UniqueConstraint(fields=["review", "kind"], name="one_signal_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.score:.2f} on review {self.review_id}"

    def named_reviews(self) -> set[int]:
        """The other reviews the evidence names: those a text matched and those in the same pattern."""
        evidence = self.evidence if isinstance(self.evidence, dict) else {}
        named = {match.get("review") for match in evidence.get("matches", []) if isinstance(match, dict)}
        named |= listed_reviews(evidence)
        return {pk for pk in named if isinstance(pk, int) and pk != self.review_id}

    def in_words(self) -> list[str]:
        """What the check wrote for a moderator: its explanation, its reasons, and how the finding was weighed."""
        evidence = self.evidence if isinstance(self.evidence, dict) else {}
        lines = [evidence.get("explanation"), *evidence.get("why", [])]
        lines += [message.get("explained") for message in evidence.get("messages", []) if isinstance(message, dict)]
        return [str(line) for line in [*lines, evidence.get("weighed")] if line]


class Flag(models.Model):
    """Someone's report that a published review breaks the content rules."""

    class Reason(models.TextChoices):
        FAKE = "fake", _("Fake or not a real customer")
        CONFLICT = "conflict", _("Conflict of interest")
        OFFENSIVE = "offensive", _("Offensive")
        PERSONAL_DATA = "personal_data", _("Personal data")
        OFF_TOPIC = "off_topic", _("Off-topic")
        EXTORTION = "extortion", _("Extortion")

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="flags")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_flags")
    reason = models.CharField(max_length=20, choices=Reason)
    text = models.TextField(max_length=2000)
    case = models.ForeignKey("Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="flags")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "by"], name="one_flag_per_person_and_review")]

    def __str__(self) -> str:
        return f"{self.reason} flag on review {self.review_id}"


class Case(models.Model):
    """A moderation case about one review: opened by the checks or by flags, decided by an operator with a
    written reason (sent to both parties), appealable once by either party to a different operator."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("moderation case status", "Open")
        DECIDED = "decided", pgettext_lazy("moderation case status", "Decided")  # may be appealed until `appeal_until`
        APPEALED = "appealed", pgettext_lazy("moderation case status", "Appealed")
        CLOSED = "closed", pgettext_lazy("moderation case status", "Closed")

    class Source(models.TextChoices):
        AUTOMATIC = "automatic", _("Detected automatically")
        FLAG = "flag", _("Flagged by a person")

    class Outcome(models.TextChoices):
        KEEP = "keep", _("Keep")
        REMOVE = "remove", _("Remove")
        REDACT = "redact", _("Redact personal data")

    TRANSITIONS = {
        (Status.OPEN, "decide"): step(Status.DECIDED, OPERATOR),
        (Status.DECIDED, "appeal"): step(Status.APPEALED, OWNER),
        (Status.DECIDED, "close"): step(Status.CLOSED, SYSTEM),
        (Status.APPEALED, "decide_appeal"): step(Status.CLOSED, OPERATOR),
    }

    review = models.ForeignKey("reviews.Review", on_delete=models.PROTECT, related_name="cases")
    source = models.CharField(max_length=10, choices=Source)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN, editable=False)
    outcome = models.CharField(max_length=10, choices=Outcome, blank=True)
    rule = models.CharField(max_length=20, choices=Flag.Reason, blank=True)  # the content rule a removal cites
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    appeal_until = models.DateTimeField(null=True, blank=True)
    appealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appeal_reason = models.TextField(blank=True)
    final_outcome = models.CharField(max_length=10, choices=Outcome, blank=True)
    final_reason = models.TextField(blank=True)
    final_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("moderation case")

    def __str__(self) -> str:
        return f"Case {self.pk} on review {self.review_id}"


class CaseEvent(ProcessEvent):
    """The audit log: every step of every case, who took it and why."""

    LABELS = {
        "open": _("Case opened"),
        "flag": _("Flagged"),
        "decide": _("Decided"),
        "appeal": _("Appealed"),
        "decide_appeal": _("Appeal decided"),
        "close": _("Closed: the time to appeal passed"),
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")

    @property
    def label(self) -> str:
        return str(self.LABELS.get(self.action, self.action))


class Sanction(models.Model):
    """A public warning or a suspension for manipulating reviews, with due process: a stated reason, the
    evidence, an appeal deadline and, for a suspension, the date held funds are released."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Public warning")
        SUSPENSION = "suspension", _("Suspension")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sanctions")
    kind = models.CharField(max_length=12, choices=Kind)
    reason = models.TextField()
    evidence = models.JSONField(default=list)  # case ids and signal summaries
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    appeal_until = models.DateTimeField()
    funds_release_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_text = models.TextField(blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    appeal_decision = models.TextField(blank=True)  # the reason a different operator gave, lifting or confirming
    appeal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appeal_decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} of {self.user_id}"


class Testimonial(models.Model):
    """A testimonial a freelancer asked a past client for outside the platform, shown only once the client
    confirmed it through a signed link; labelled "Off-platform, e-mail confirmed" and never scored."""

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("testimonial status", "Requested")
        CONFIRMED = "confirmed", pgettext_lazy("testimonial status", "Confirmed")
        HELD = "held", pgettext_lazy("testimonial status", "Held for moderation")
        REMOVED = "removed", pgettext_lazy("testimonial status", "Removed")

    freelancer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="testimonials")
    client_name = models.CharField(max_length=100)
    client_email = models.EmailField()
    status = models.CharField(max_length=10, choices=Status, default=Status.REQUESTED)
    text = models.TextField(blank=True, max_length=3000)
    overall = models.PositiveSmallIntegerField(null=True, blank=True)
    risk_score = models.FloatField(default=0)
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-confirmed_at", "-id"]

    def __str__(self) -> str:
        return f"Testimonial for {self.freelancer_id} from {self.client_name}"


class ReviewMeaning(models.Model):
    """One review's meaning vector (integrity/meaning.py), of the text it was checked with. It lives here, away
    from the encoder, so that loading the models never loads numpy."""

    review = models.OneToOneField("reviews.Review", on_delete=models.CASCADE, primary_key=True, related_name="+")
    vector = models.BinaryField()

    def __str__(self) -> str:
        return f"meaning of review {self.review_id}"


from openhour.reviews.integrity.similarity import SimilarityBand  # noqa: E402,F401  (the index lives with its logic)
