from typing import Any

from django import forms

from openhour.messaging.models import NotificationPreference
from openhour.messaging.notifications.kinds import KINDS


class PreferencesForm(forms.Form):
    """One radio group per kind of notification."""

    def __init__(self, *args: Any, initial_channels: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, kind in KINDS.items():
            self.fields[key] = forms.ChoiceField(
                label=str(kind.label),
                choices=NotificationPreference.Channel.choices,
                widget=forms.RadioSelect,
                initial=initial_channels[key],
            )
