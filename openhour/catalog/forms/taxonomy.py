from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from openhour.catalog.selectors.taxonomy import categories_with_skills


def offer_taxonomy_filters(form: forms.Form) -> None:
    """Fill a filter form's `category` and `skill` selects; skills are grouped by category."""
    categories = categories_with_skills()
    category_choices: list[Any] = [("", _("All categories")), *((c.slug, c.name) for c in categories)]
    skill_choices: list[Any] = [
        ("", _("Any skill")),
        *((c.name, [(s.slug, s.name) for s in c.skills.all()]) for c in categories),
    ]
    cast(forms.ChoiceField, form.fields["category"]).choices = category_choices
    cast(forms.ChoiceField, form.fields["skill"]).choices = skill_choices


class TaxonomyFilterForm(forms.Form):
    """The search box and category and skill selects that every browse page starts with."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(label=_("Category"), required=False)
    skill = forms.ChoiceField(label=_("Skill"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_taxonomy_filters(self)
