from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from openhour.lib.money import Currency
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, SYSTEM, ProcessEvent, step
from openhour.lib.wording import worded

# The shipped taxonomy's names are translated in the catalogue under this context (see taxonomy_names.py), so a
# skill called "Editing" never takes the wording of an interface string that happens to read the same.
TAXONOMY_CONTEXT = "taxonomy"


def taxonomy_gettext(text: str) -> str:
    return pgettext(TAXONOMY_CONTEXT, text)


WORDINGS_HELP = _("How operators word it per language, by language code; edited in the admin.")


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    names = models.JSONField(
        _("name per language"), default=dict, db_default={}, blank=True, editable=False, help_text=WORDINGS_HELP
    )
    descriptions = models.JSONField(
        _("description per language"), default=dict, db_default={}, blank=True, editable=False, help_text=WORDINGS_HELP
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name as the reader reads it; `name` stays the English one that queries and the API use."""
        return worded(self.names, self.name, taxonomy_gettext)

    @property
    def description_label(self) -> str:
        return worded(self.descriptions, self.description, taxonomy_gettext)


class Skill(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="skills", verbose_name=_("category"))
    names = models.JSONField(
        _("name per language"), default=dict, db_default={}, blank=True, editable=False, help_text=WORDINGS_HELP
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name as the reader reads it; `name` stays the English one that queries and the API use."""
        return worded(self.names, self.name, taxonomy_gettext)


class Hourlie(models.Model):
    """A freelancer's fixed-price service, sold in up to three packages with optional extras."""

    class Status(models.TextChoices):
        PUBLISHED = "published", pgettext_lazy("Hourlie status", "Published")
        PAUSED = "paused", pgettext_lazy("Hourlie status", "Paused")
        REMOVED = "removed", pgettext_lazy("Hourlie status", "Removed")

    TRANSITIONS = {
        (Status.PUBLISHED, "pause"): step(Status.PAUSED, FREELANCER),
        (Status.PAUSED, "publish"): step(Status.PUBLISHED, FREELANCER),
        (Status.PUBLISHED, "remove"): step(Status.REMOVED, FREELANCER, OPERATOR),
        (Status.PAUSED, "remove"): step(Status.REMOVED, FREELANCER, OPERATOR),
    }

    freelancer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hourlies")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=10000)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="hourlies", verbose_name=_("category")
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="hourlies", verbose_name=_("skills"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency, default=Currency.GBP)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PUBLISHED, editable=False)
    created_at = models.DateTimeField(_("published"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Hourlie")

    def __str__(self) -> str:
        return self.title


class HourliePackage(models.Model):
    hourlie = models.ForeignKey(Hourlie, on_delete=models.CASCADE, related_name="packages")
    name = models.CharField(_("name"), max_length=40)
    price = models.BigIntegerField(_("price (minor units)"))
    delivery_days = models.PositiveIntegerField(_("delivery in days"))
    revisions = models.PositiveSmallIntegerField(_("revisions"), default=1)
    description = models.TextField(_("what is included"), max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(price__gt=0), name="package_price_positive")]

    def __str__(self) -> str:
        return f"{self.hourlie}: {self.name}"


class HourlieExtra(models.Model):
    hourlie = models.ForeignKey(Hourlie, on_delete=models.CASCADE, related_name="extras")
    title = models.CharField(_("title"), max_length=120)
    price = models.BigIntegerField(_("price (minor units)"))
    extra_days = models.PositiveIntegerField(_("extra days"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(price__gt=0), name="extra_price_positive")]

    def __str__(self) -> str:
        return self.title


class Order(models.Model):
    """A client's purchase of one Hourlie package with extras: it opens a contract with one milestone."""

    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", pgettext_lazy("order status", "Awaiting payment")
        PAID = "paid", pgettext_lazy("order status", "Paid")
        CANCELLED = "cancelled", pgettext_lazy("order status", "Cancelled")

    TRANSITIONS = {
        (Status.AWAITING_PAYMENT, "pay"): step(Status.PAID, SYSTEM),
        (Status.AWAITING_PAYMENT, "cancel"): step(Status.CANCELLED, CLIENT, SYSTEM, OPERATOR),
    }

    hourlie = models.ForeignKey(Hourlie, on_delete=models.PROTECT, related_name="orders")
    package = models.ForeignKey(HourliePackage, on_delete=models.PROTECT, related_name="orders")
    extras = models.ManyToManyField(HourlieExtra, blank=True, related_name="orders")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders")
    requirements = models.TextField(_("requirements"), max_length=5000)
    total = models.BigIntegerField(_("total (minor units)"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency)
    delivery_days = models.PositiveIntegerField(_("delivery in days"))
    contract = models.OneToOneField(
        "contracts.Contract", null=True, blank=True, on_delete=models.PROTECT, related_name="order"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.AWAITING_PAYMENT, editable=False
    )
    created_at = models.DateTimeField(_("ordered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(total__gt=0), name="order_total_positive")]

    def __str__(self) -> str:
        return f"{self.client} ordered {self.hourlie}"


class HourlieEvent(ProcessEvent):
    hourlie = models.ForeignKey(Hourlie, on_delete=models.CASCADE, related_name="events")


class OrderEvent(ProcessEvent):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
