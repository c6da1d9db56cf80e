"""The tax details form: field types here, the rules of what a seller must give in `services.tax_details_save`."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from openhour.money.reporting.models import TaxDetails
from openhour.money.reporting.services import FIELDS, NEEDED, TIN_INVALID
from openhour.money.reporting.tin import tin_clean


class TaxDetailsForm(forms.ModelForm):
    class Meta:
        model = TaxDetails
        fields = FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "birth_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        autocomplete = {
            "first_name": "given-name",
            "last_name": "family-name",
            "entity_name": "organization",
            "birth_date": "bday",
            "street": "street-address",
            "city": "address-level2",
            "postcode": "postal-code",
            "country": "country",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value

    def clean(self) -> dict[str, Any]:
        """Name every field the kind of seller needs, and a malformed TIN, at once: not only after the rest is right."""
        data = super().clean() or {}
        for name in NEEDED.get(data.get("kind") or "", ()):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("This field is required."))
        if data.get("tin") and data.get("tin_country") and tin_clean(data["tin"], str(data["tin_country"])) is None:
            self.add_error("tin", TIN_INVALID)
        return data

    def _post_clean(self) -> None:
        """The model is checked whole by the service, which knows which fields each kind of seller needs."""
