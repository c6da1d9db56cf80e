"""Forms of the saved-search pages: they parse what a browser sends; the services judge it."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openhour.accounts.forms import FreelancerFilterForm
from openhour.catalog.forms.taxonomy import TaxonomyFilterForm
from openhour.jobs.forms.projects import ProjectFilterForm
from openhour.search.saved.models import SavedSearch

# The filter forms of the two list pages: a saved search takes the filters exactly as its page reads them.
PAGE_FILTERS: dict[str, type[TaxonomyFilterForm]] = {
    SavedSearch.Kind.PROJECTS: ProjectFilterForm,
    SavedSearch.Kind.FREELANCERS: FreelancerFilterForm,
}


class AlertForm(forms.Form):
    alert = forms.ChoiceField(label=_("E-mail alert"), choices=SavedSearch.Alert.choices)


class SaveSearchForm(AlertForm):
    kind = forms.ChoiceField(choices=SavedSearch.Kind.choices, widget=forms.HiddenInput)

    def filters_from(self, data: Any) -> TaxonomyFilterForm:
        """The list page's own filter form over the same submission."""
        return PAGE_FILTERS[self.cleaned_data["kind"]](data)
