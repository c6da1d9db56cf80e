"""Forms for the project pages: they parse what a browser sends; the services judge it."""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openhour.catalog.forms.taxonomy import TaxonomyFilterForm, category_choices, skill_choices
from openhour.catalog.models import Category
from openhour.jobs.forms.attachments import FILES_HELP, FilesField
from openhour.jobs.models import BudgetType, Project, ProjectFile, Visibility
from openhour.lib.money import MINOR_UNITS, Currency

MONEY_FIELDS = {"budget_min", "budget_max"}


def to_minor(amount: Decimal | None, currency: str) -> int | None:
    """250.00 GBP -> 25000, exactly (Decimal all the way, never a float)."""
    if amount is None:
        return None
    return int((amount * MINOR_UNITS.get(currency, 100)).quantize(Decimal(1), ROUND_HALF_UP))


def to_major(amount: int, currency: str) -> Decimal:
    return (Decimal(amount) / MINOR_UNITS.get(currency, 100)).quantize(Decimal("0.01"))


def _categories() -> list[Category]:
    return list(Category.objects.prefetch_related("skills"))


class ProjectForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("One line a freelancer understands at a glance, e.g. “Logo for a family bakery”."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=10000,
        widget=forms.Textarea({"rows": 8}),
        help_text=_("What you need, what you already have, and how you will know the work is done."),
    )
    category = forms.ChoiceField(label=_("Category"))
    skills = forms.MultipleChoiceField(label=_("Skills"), required=False)
    budget_type = forms.ChoiceField(
        label=_("How you will pay"), choices=BudgetType.choices, initial=BudgetType.FIXED, widget=forms.RadioSelect
    )
    budget_min = forms.DecimalField(label=_("Budget from"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    budget_max = forms.DecimalField(label=_("Budget up to"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.GBP)
    deadline = forms.DateField(
        label=_("Deadline (optional)"), required=False, widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it"), choices=Visibility.choices, initial=Visibility.PUBLIC, widget=forms.RadioSelect
    )
    max_proposals = forms.IntegerField(
        label=_("Proposal cap (optional)"),
        required=False,
        min_value=1,
        max_value=200,
        help_text=_("Stop taking proposals after this many. Leave it empty for no limit."),
    )

    attachments = FilesField(
        label=_("Files for the brief (optional)"),
        help_text=format_lazy(
            "{} {}", FILES_HELP, _("Signed-in freelancers who can see the project can open them; nobody else.")
        ),
    )
    remove_attachments = forms.MultipleChoiceField(
        label=_("Remove files"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, files_attached: Sequence[ProjectFile] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.files_attached = list(files_attached)  # the edit form offers to remove these
        cast(forms.ChoiceField, self.fields["remove_attachments"]).choices = [
            (str(f.pk), f.name) for f in self.files_attached
        ]
        self.categories = _categories()  # the skill picker groups skills under these
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", _("Choose a category")),
            *category_choices(self.categories),
        ]
        cast(forms.ChoiceField, self.fields["skills"]).choices = [
            choice for c in self.categories for choice in skill_choices(c)
        ]

    @staticmethod
    def initial_for(project: Project) -> dict[str, Any]:
        """What the edit form starts from: the project as stored, budgets in major units."""
        return {
            "title": project.title,
            "description": project.description,
            "category": project.category.slug,
            "skills": [s.slug for s in project.skills.all()],
            "budget_type": project.budget_type,
            "budget_min": to_major(project.budget_min, project.currency),
            "budget_max": to_major(project.budget_max, project.currency),
            "currency": project.currency,
            "deadline": project.deadline,
            "visibility": project.visibility,
            "max_proposals": project.max_proposals,
        }

    def selected_skills(self) -> set[str]:
        return set(self["skills"].value() or [])

    def changes(self, *, only_changed: bool = False) -> dict[str, Any]:
        """The cleaned data as `project_post`/`project_update` keywords (budgets in minor units).

        When editing, only what changed is sent, so an untouched deadline that has since passed
        does not stop someone from fixing a typo in the title."""
        data = dict(self.cleaned_data)
        files = {"files": data.pop("attachments", []), "remove_files": data.pop("remove_attachments", [])}
        currency = data["currency"]
        if only_changed:
            changed = set(self.changed_data)
            if "currency" in changed:
                changed |= MONEY_FIELDS  # the same figures in another currency are other amounts
            data = {name: value for name, value in data.items() if name in changed}
        for name in MONEY_FIELDS & set(data):
            data[name] = to_minor(data[name], currency)
        return data | {name: value for name, value in files.items() if value}


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Why are you closing it? (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("It is kept in the project’s history."),
    )


SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("budget", _("Budget: low to high")),
    ("-budget", _("Budget: high to low")),
    ("relevance", _("Best match")),
]
POSTED_CHOICES = [
    ("", _("Any time")),
    ("1", _("In the last 24 hours")),
    ("3", _("In the last 3 days")),
    ("7", _("In the last week")),
    ("30", _("In the last 30 days")),
]


class ProjectFilterForm(TaxonomyFilterForm):
    budget_type = forms.ChoiceField(
        label=_("Budget type"), required=False, choices=[("", _("Any type")), *BudgetType.choices]
    )
    min_budget = forms.DecimalField(
        label=_("Budget at least"), required=False, min_value=Decimal("0"), max_digits=12, decimal_places=2
    )
    max_budget = forms.DecimalField(
        label=_("Budget at most"), required=False, min_value=Decimal("0"), max_digits=12, decimal_places=2
    )
    currency = forms.ChoiceField(label=_("Budget currency"), choices=Currency.choices, required=False)
    posted = forms.ChoiceField(
        label=pgettext_lazy("when a project was posted", "Posted"), choices=POSTED_CHOICES, required=False
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def search_args(self) -> dict[str, Any]:
        data = self.cleaned_data
        currency = data.get("currency") or Currency.GBP
        return {
            "q": data.get("q") or "",
            "category": data.get("category") or "",
            "skill": data.get("skill") or "",
            "budget_type": data.get("budget_type") or "",
            "min_budget": to_minor(data.get("min_budget"), currency),
            "max_budget": to_minor(data.get("max_budget"), currency),
            "currency": currency,
            "posted_within_days": int(data["posted"]) if data.get("posted") else None,
            "sort": data.get("sort") or "newest",
        }


class InvitationForm(forms.Form):
    freelancer = forms.CharField(label=_("Freelancer’s username"), max_length=150)
    project = forms.IntegerField(label=_("Project"), required=False, min_value=1)
