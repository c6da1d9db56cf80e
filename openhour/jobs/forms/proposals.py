"""Forms for the proposal pages: they parse what a browser sends; the services judge it."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from openhour.jobs.forms.attachments import FILES_HELP, FilesField
from openhour.jobs.forms.projects import to_major, to_minor
from openhour.jobs.models import Proposal

MILESTONE_ROWS = 3  # rows shown at first; "Add another milestone" reloads the form with one more
MAX_ROWS = 20


class ProposalForm(forms.Form):
    cover_letter = forms.CharField(
        label=_("Cover letter"),
        max_length=5000,
        widget=forms.Textarea({"rows": 8}),
        help_text=_("How you would do the work, and why you are the right person for it."),
    )
    price = forms.DecimalField(label=_("Your price"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    delivery_days = forms.IntegerField(label=_("Delivery in days"), min_value=1, max_value=365)
    attachments = FilesField(
        label=_("Files (optional)"),
        help_text=format_lazy("{} {}", FILES_HELP, _("Only the client can open them.")),
    )

    @staticmethod
    def initial_for(proposal: Proposal) -> dict[str, Any]:
        return {
            "cover_letter": proposal.cover_letter,
            "price": to_major(proposal.price, proposal.currency),
            "delivery_days": proposal.delivery_days,
        }


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=120, required=False)
    amount = forms.DecimalField(
        label=_("Amount"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2, required=False
    )
    due_in_days = forms.IntegerField(label=_("Due in days"), min_value=1, max_value=365, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [name for name in ("title", "amount", "due_in_days") if data.get(name) not in (None, "")]
        if filled and len(filled) < 3:  # a row left wholly empty is ignored; a half-filled one is a mistake
            raise forms.ValidationError(_("Fill in the title, amount and due days of each milestone you use."))
        return data


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=MILESTONE_ROWS, max_num=MAX_ROWS, absolute_max=MAX_ROWS)


def milestone_formset(data: Any = None, *, initial: list[dict[str, Any]] | None = None) -> Any:
    return MilestoneFormSet(data, initial=initial, prefix="m")


def with_one_more_row(data: Any) -> Any:
    """The posted data with one more (empty) milestone row, for "Add another milestone" without JavaScript."""
    data = data.copy()
    total = _int(data.get("m-TOTAL_FORMS"), MILESTONE_ROWS)
    data["m-TOTAL_FORMS"] = str(min(total + 1, MAX_ROWS))
    return data


def milestones_of(formset: Any, currency: str) -> list[dict[str, Any]]:
    """The filled-in rows as the service's milestones (amounts in minor units); empty rows are skipped."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if data.get("title") or data.get("amount") is not None:
            rows.append(
                {
                    "title": data["title"],
                    "amount": to_minor(data["amount"], currency),
                    "due_in_days": data["due_in_days"],
                }
            )
    return rows


def milestones_initial(proposal: Proposal) -> list[dict[str, Any]]:
    return [
        {"title": m.title, "amount": to_major(m.amount, proposal.currency), "due_in_days": m.due_in_days}
        for m in proposal.milestones.all()
    ]


def _int(raw: Any, default: int) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return default


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("The freelancer sees it."),
    )


class SortForm(forms.Form):
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("best", _("Best match")), ("price", _("Price: low to high")), ("newest", _("Newest first"))],
    )
