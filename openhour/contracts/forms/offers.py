"""Forms for offers and operator steps: they parse what a browser sends; the services judge it."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openhour.jobs.forms.projects import to_minor
from openhour.lib.money import Currency

MILESTONE_ROWS = 5  # fixed blank rows, so the form works without JavaScript; empty rows are ignored


class OfferForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea({"rows": 6}),
        help_text=_("What the work is, and anything the freelancer should know before answering."),
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.GBP)
    kind = forms.ChoiceField(
        label=_("Kind of contract"),
        widget=forms.RadioSelect,
        initial="fixed",
        choices=[("fixed", _("Fixed price, paid by milestone")), ("hourly", _("Hourly, paid for the hours worked"))],
    )
    hourly_rate = forms.DecimalField(
        label=_("Hourly rate"), required=False, min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    weekly_limit = forms.IntegerField(label=_("Weekly limit (hours)"), required=False, min_value=1, max_value=168)
    time_zone = forms.CharField(
        label=_("Time zone"),
        required=False,
        max_length=64,
        initial="Europe/London",
        help_text=_("Weeks of the time sheet end on Sunday at midnight in this time zone, such as Europe/London."),
    )

    def terms(self) -> dict[str, Any]:
        """The cleaned fields as the service takes them (money in minor units)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "message": data["message"],
            "currency": data["currency"],
            "kind": data["kind"],
            "hourly_rate": to_minor(data["hourly_rate"], data["currency"]),
            "weekly_limit": data["weekly_limit"],
            "time_zone": data["time_zone"] or "Europe/London",
        }


class OfferMilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=120, required=False)
    amount = forms.DecimalField(
        label=_("Amount"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2, required=False
    )
    due_in_days = forms.IntegerField(label=_("Due in days"), min_value=1, max_value=365, required=False)
    criteria = forms.CharField(
        label=_("Acceptance criteria (optional)"), max_length=5000, required=False, widget=forms.Textarea({"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [name for name in ("title", "amount", "due_in_days") if data.get(name) not in (None, "")]
        if (filled or data.get("criteria")) and len(filled) < 3:  # an empty row is ignored; half a row is a slip
            raise forms.ValidationError(_("Fill in the title, amount and due days of each milestone you use."))
        return data


OfferMilestoneFormSet = forms.formset_factory(
    OfferMilestoneForm, extra=MILESTONE_ROWS, max_num=MILESTONE_ROWS, absolute_max=MILESTONE_ROWS
)


def milestone_formset(data: Any = None) -> Any:
    return OfferMilestoneFormSet(data, prefix="m")


def milestones_of(formset: Any, currency: str) -> list[dict[str, Any]]:
    """The filled-in rows as the service's milestones (amounts in minor units); empty rows are skipped."""
    filled = [form.cleaned_data for form in formset.forms]
    return [
        {
            "title": row["title"],
            "amount": to_minor(row["amount"], currency),
            "due_in_days": row["due_in_days"],
            "criteria": row.get("criteria", ""),
        }
        for row in filled
        if row.get("title") or row.get("amount") is not None
    ]


class OfferNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (optional)"), required=False, max_length=2000, widget=forms.Textarea({"rows": 2})
    )


class OperatorForm(forms.Form):
    """One of the steps the tables grant an operator right now, and the written reason every such step needs."""

    action = forms.ChoiceField(label=_("Step"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Both parties see it in the contract's timeline."),
        error_messages={"required": _("Give a reason: every operator step needs one.")},
    )

    def __init__(self, *args: Any, steps: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(step.value, step.label) for step in steps]  # type: ignore[attr-defined]
