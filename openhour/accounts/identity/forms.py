"""The forms of identity pages: the person's two files, an operator's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openhour.accounts.identity.services.decisions import REASON_MAX

ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"


class DocumentsForm(forms.Form):
    """Both optional here: the service says which is missing or unusable, in the same words as the API."""

    document = forms.FileField(
        label=_("Identity document"),
        required=False,
        help_text=_("A passport, identity card or driving licence: a photo or a PDF scan, every corner visible."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    selfie = forms.FileField(
        label=_("Selfie"),
        required=False,
        help_text=_("A clear photo of your face, taken today, without sunglasses or a hat."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to reject: the person reads it and can send new documents."),
    )
