from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from openhour.catalog.models import Category
from openhour.catalog.selectors.taxonomy import categories_with_skills
from openhour.lib.wording import reading_order


def category_choices(categories: list[Category]) -> list[tuple[str, str]]:
    """(slug, name as the reader reads it), in the operators' order."""
    return [(c.slug, c.label) for c in categories]


def skill_choices(category: Category) -> list[tuple[str, str]]:
    """A category's skills as (slug, name as the reader reads it), alphabetical in the reader's language."""
    return sorted(((s.slug, s.label) for s in category.skills.all()), key=lambda choice: reading_order(choice[1]))


def offer_taxonomy_filters(form: forms.Form) -> None:
    """Fill a filter form's `category` and `skill` selects; skills are grouped by category."""
    categories = categories_with_skills()
    category_options: list[Any] = [("", _("All categories")), *category_choices(categories)]
    skill_options: list[Any] = [("", _("Any skill")), *((c.label, skill_choices(c)) for c in categories)]
    cast(forms.ChoiceField, form.fields["category"]).choices = category_options
    cast(forms.ChoiceField, form.fields["skill"]).choices = skill_options


class TaxonomyFilterForm(forms.Form):
    """The search box and category and skill selects that every browse page starts with."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(label=_("Category"), required=False)
    skill = forms.ChoiceField(label=_("Skill"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_taxonomy_filters(self)
