from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openhour.webhooks.models import SUBSCRIBABLE, Endpoint


class EndpointForm(forms.Form):
    url = forms.CharField(
        label=_("Address (URL)"),
        max_length=500,
        help_text=_("An https:// address on the public internet. It must answer with a 2xx status within seconds."),
        widget=forms.URLInput(attrs={"placeholder": "https://example.com/openhour-events"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Events to send"), choices=SUBSCRIBABLE, widget=forms.CheckboxSelectMultiple
    )
    scope = forms.ChoiceField(
        label=_("Whose events"), choices=Endpoint.Scope.choices, initial=Endpoint.Scope.MINE, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, operator: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not operator:  # only operators may hear of the whole market; everyone else hears of their own steps
            del self.fields["scope"]
