"""The "Propose a change" form: fixed rows, so it works without JavaScript — per existing milestone its
fields to edit, a remove box and extra revision rounds; and up to ADD_ROWS new milestones. Amounts are
typed in major units (pounds) and passed on in minor units."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openhour.contracts.change_orders import rules
from openhour.contracts.models import Contract, Milestone
from openhour.lib.errors import DomainError
from openhour.lib.money import MINOR_UNITS, format_money

ADD_ROWS = 2
DATE = forms.DateInput(attrs={"type": "date"})


def _criteria_field(initial: str = "") -> forms.CharField:
    return forms.CharField(
        label=_("Acceptance criteria"),
        required=False,
        max_length=5000,
        initial=initial,
        widget=forms.Textarea({"rows": 2}),
    )


def _amount_field(initial: Decimal | None = None) -> forms.DecimalField:
    return forms.DecimalField(label=_("Amount"), required=False, max_digits=12, decimal_places=2, initial=initial)


def _plain(text: str | None) -> str:
    """Text as stored: browsers send new lines in a text area as CRLF."""
    return (text or "").replace("\r\n", "\n").strip()


@dataclass
class Row:
    """The fields of one milestone (or one new milestone) in the form."""

    legend: str
    fields: list[forms.BoundField]
    milestone: Milestone | None = None
    held: bool = False  # funded: removing it refunds the escrow


class ProposeForm(forms.Form):
    note = forms.CharField(
        label=_("Why (optional)"), required=False, max_length=2000, widget=forms.Textarea({"rows": 2})
    )
    deadline = forms.DateField(
        label=_("New deadline for all unfinished milestones (optional)"), required=False, widget=DATE
    )

    def __init__(self, *args: Any, contract: Contract, milestones: list[Milestone], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "change_%s")  # ids unique beside the contract page's other forms
        super().__init__(*args, **kwargs)
        self.unit = MINOR_UNITS[contract.currency]
        self.milestones = [m for m in milestones if m.status in rules.CHANGEABLE]
        for m in self.milestones:
            p = f"m{m.pk}_"
            self.fields[p + "title"] = forms.CharField(
                label=_("Title"), required=False, max_length=120, initial=m.title
            )
            if m.status == Milestone.Status.AWAITING_FUNDING:
                self.fields[p + "amount"] = _amount_field(Decimal(m.amount) / self.unit)
            self.fields[p + "due_on"] = forms.DateField(
                label=_("Due on"), required=False, initial=m.due_on, widget=DATE
            )
            self.fields[p + "criteria"] = _criteria_field(m.criteria)
            self.fields[p + "revisions"] = forms.IntegerField(
                label=_("Extra revision rounds"), required=False, min_value=0, max_value=rules.MAX_ROUNDS, initial=0
            )
            self.fields[p + "remove"] = forms.BooleanField(label=_("Remove this milestone"), required=False)
            if m.status in rules.REFUNDABLE:
                self.fields[p + "remove"].help_text = _(
                    "It is funded: once the other party accepts, the %(amount)s held in escrow goes back to the "
                    "client. Accepting means both of you agree to this refund."
                ) % {"amount": format_money(m.amount, contract.currency)}
        for n in range(ADD_ROWS):
            p = f"add{n}_"
            self.fields[p + "title"] = forms.CharField(label=_("Title"), required=False, max_length=120)
            self.fields[p + "amount"] = _amount_field()
            self.fields[p + "due_on"] = forms.DateField(label=_("Due on"), required=False, widget=DATE)
            self.fields[p + "criteria"] = _criteria_field()
        self.keys: list[str] = []  # the field prefix of each change, to put the service's errors back

    def rows(self) -> list[Row]:
        rows = []
        for m in self.milestones:
            names = [n for n in self.fields if n.startswith(f"m{m.pk}_")]
            held = m.status in rules.REFUNDABLE
            rows.append(Row(legend=m.title, fields=[self[n] for n in names], milestone=m, held=held))
        for n in range(ADD_ROWS):
            names = [name for name in self.fields if name.startswith(f"add{n}_")]
            rows.append(Row(legend=str(_("New milestone %(n)s") % {"n": n + 1}), fields=[self[x] for x in names]))
        return rows

    def changes(self) -> list[rules.Change]:
        """The changes the valid form asks for: only what differs from the milestone as it is."""
        data, changes = self.cleaned_data, []
        self.keys = []
        for m in self.milestones:
            p = f"m{m.pk}_"
            if data.get(p + "remove"):
                changes.append(rules.Change(action="remove", milestone_id=m.pk))
                self.keys.append(p)
                continue
            edit = self._edit(m, p)
            if edit:
                changes.append(rules.Change(action="edit", milestone_id=m.pk, **edit))
                self.keys.append(p)
            if data.get(p + "revisions"):
                changes.append(rules.Change(action="revisions", milestone_id=m.pk, revisions=data[p + "revisions"]))
                self.keys.append(p)
        for n in range(ADD_ROWS):
            p = f"add{n}_"
            title, amount = data.get(p + "title", ""), data.get(p + "amount")
            if title.strip() or amount is not None:
                changes.append(
                    rules.Change(
                        action="add",
                        title=title,
                        amount=self._minor(amount),
                        due_on=data.get(p + "due_on"),
                        criteria=data.get(p + "criteria") or None,
                    )
                )
                self.keys.append(p)
        return changes

    def _edit(self, m: Milestone, p: str) -> dict[str, Any]:
        data, edit = self.cleaned_data, {}
        if data.get(p + "title", m.title).strip() != m.title:
            edit["title"] = data[p + "title"]
        amount = self._minor(data.get(p + "amount"))
        if amount is not None and amount != m.amount:
            edit["amount"] = amount
        if data.get(p + "due_on") and data[p + "due_on"] != m.due_on:
            edit["due_on"] = data[p + "due_on"]
        criteria = _plain(data.get(p + "criteria"))
        if criteria != _plain(m.criteria):
            edit["criteria"] = criteria
        return edit

    def _minor(self, amount: Decimal | None) -> int | None:
        return None if amount is None else int(amount * self.unit)

    def add_service_error(self, error: DomainError) -> None:
        """Put a refusal on the fields it names (`milestones.2.amount` -> that row's amount)."""
        if not error.fields:
            self.add_error(None, error.message)
        for key, messages in error.fields.items():
            parts = key.split(".")
            name = key
            if parts[0] == "milestones" and len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(self.keys):
                name = self.keys[int(parts[1])] + parts[2]
            self.add_error(name if name in self.fields else None, messages)
