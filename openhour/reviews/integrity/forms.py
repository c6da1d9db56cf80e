"""Forms for reporting a review, deciding a moderation case and appealing a decision. The services check
everything again; these forms only shape the page."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from openhour.reviews.integrity.models import Case, Flag
from openhour.reviews.integrity.services.moderation import MAX_FLAG_TEXT, MAX_REASON, MAX_REVIEW_TEXT


def _text(label: StrOrPromise, limit: int, *, required: bool = True, help_text: StrOrPromise = "") -> forms.CharField:
    widget = forms.Textarea({"rows": 4, "maxlength": limit})
    return forms.CharField(label=label, max_length=limit, required=required, widget=widget, help_text=help_text)


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong with it?"), choices=Flag.Reason.choices, widget=forms.RadioSelect)
    text = _text(
        _("Tell us more"), MAX_FLAG_TEXT, help_text=_("Only moderators read this; the review's author does not.")
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Case.Outcome.choices, widget=forms.RadioSelect)
    reason = _text(_("Written reason (both parties read it)"), MAX_REASON)
    rule = forms.ChoiceField(
        label=_("Content rule broken (for a removal)"),
        required=False,
        choices=[("", _("— none —")), *Flag.Reason.choices],
    )
    went_well = _text(
        _("Redacted “what went well” (for a redaction)"),
        MAX_REVIEW_TEXT,
        required=False,
        help_text=_("Replaces the published text; the original stays in the audit log."),
    )
    could_improve = _text(_("Redacted “what could be better” (for a redaction)"), MAX_REVIEW_TEXT, required=False)


class AppealForm(forms.Form):
    reason = _text(_("Why is the decision wrong?"), MAX_REASON)
