"""Forms for writing a review and replying to one. The review form holds the criteria of the author's role
as flat fields; `review_data()` nests them under `ratings`, as the services and the API expect."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from openhour.lib.errors import DomainError
from openhour.reviews.criteria import CRITERIA, WOULD_AGAIN
from openhour.reviews.models import Review
from openhour.reviews.services.reviews import MAX_TEXT

STAR_CHOICES = [
    ("1", _("1 star")),
    ("2", _("2 stars")),
    ("3", _("3 stars")),
    ("4", _("4 stars")),
    ("5", _("5 stars")),
]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _stars(label: StrOrPromise) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=STAR_CHOICES, widget=forms.RadioSelect)


def _text(label: StrOrPromise, *, required: bool, help_text: StrOrPromise = "") -> forms.CharField:
    widget = forms.Textarea({"rows": 4, "maxlength": MAX_TEXT})
    return forms.CharField(label=label, required=required, max_length=MAX_TEXT, widget=widget, help_text=help_text)


class ReviewForm(forms.Form):
    """One party's review of the other; which criteria it rates depends on `role`, the author's part."""

    def __init__(self, *args: Any, role: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role = role
        self.fields["overall"] = _stars(_("Overall"))
        for name, label in CRITERIA[role]:
            self.fields[name] = _stars(label)
        self.fields["would_work_again"] = forms.ChoiceField(
            label=WOULD_AGAIN[role], choices=YES_NO, widget=forms.RadioSelect
        )
        self.fields["went_well"] = _text(_("What went well"), required=True)
        self.fields["could_improve"] = _text(_("What could be better (optional)"), required=False)
        self.fields["private_note"] = _text(
            _("A private note to the platform (optional)"),
            required=False,
            help_text=_("Only the platform's staff read this. It is never shown publicly, nor to the other side."),
        )

    @property
    def choice_fields(self) -> list[forms.BoundField]:
        """Overall, the criteria (five stars each), then yes or no: each one a group of radio buttons."""
        stars = [self["overall"], *(self[name] for name, _label in CRITERIA[self.role])]
        return [*stars, self["would_work_again"]]

    @property
    def text_fields(self) -> list[forms.BoundField]:
        return [self["went_well"], self["could_improve"], self["private_note"]]

    def review_data(self) -> dict[str, Any]:
        """The cleaned form as the review services take it."""
        data = self.cleaned_data
        return {
            "overall": int(data["overall"]),
            "ratings": {name: int(data[name]) for name, _label in CRITERIA[self.role]},
            "would_work_again": data["would_work_again"] == "yes",
            "went_well": data["went_well"],
            "could_improve": data["could_improve"],
            "private_note": data["private_note"],
        }

    def add_service_error(self, error: DomainError) -> None:
        """A service's refusal on the field it names ("ratings.quality" is the field "quality")."""
        if not error.fields:
            self.add_error(None, error.message)
        for name, messages in error.fields.items():
            field = name.removeprefix("ratings.")
            self.add_error(field if field in self.fields else None, messages)


def initial_from(review: Review) -> dict[str, Any]:
    """A sealed review as the form's starting values, for editing it."""
    initial: dict[str, Any] = {
        "overall": str(review.overall),
        "would_work_again": "yes" if review.would_work_again else "no",
        "went_well": review.went_well,
        "could_improve": review.could_improve,
        "private_note": review.private_note,
    }
    for name, _label in CRITERIA[review.author_role]:
        value = getattr(review, name)
        initial[name] = str(value) if value is not None else None
    return initial


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your public reply"),
        max_length=MAX_TEXT,
        widget=forms.Textarea({"rows": 4, "maxlength": MAX_TEXT}),
        help_text=_("Everyone who reads the review reads your reply. Keep to the facts and stay courteous."),
    )
