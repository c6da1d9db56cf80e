"""/operations/reporting: the sellers to report for a year, for operators; `?format=csv|xml` downloads them."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openhour.lib.errors import NotFound
from openhour.lib.web import AuthenticatedHttpRequest
from openhour.money.reporting import selectors
from openhour.money.reporting.csv_export import sellers_csv
from openhour.money.reporting.dac7 import dac7_xml
from openhour.money.reporting.views.me import thresholds

FIRST_YEAR = 2000


class YearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), required=False, min_value=FIRST_YEAR)
    format = forms.ChoiceField(required=False, choices=[("", "HTML"), ("csv", "CSV"), ("xml", "XML")])

    def clean_year(self) -> int:
        year = self.cleaned_data["year"] or timezone.now().year
        if year > timezone.now().year:
            raise forms.ValidationError(_("Choose a year that has begun."))
        return int(year)


@login_required
def reporting_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Operators only; anyone else finds nothing here (404). A bad year shows the form again (400)."""
    if not request.user.is_staff:
        raise NotFound()
    form = YearForm(request.GET)
    if not form.is_valid():
        return render(request, "reporting/operations.html", {"form": form, "sellers": None}, status=400)
    year, kind = form.cleaned_data["year"], form.cleaned_data["format"]
    sellers = selectors.reportable_sellers(year=year)
    if kind == "csv":
        return _download(sellers_csv(sellers).encode(), "text/csv; charset=utf-8", f"dac7-{year}.csv")
    if kind == "xml":
        return _download(dac7_xml(year=year, sellers=sellers), "application/xml", f"dac7-{year}.xml")
    incomplete = sum(not seller.complete for seller in sellers)
    context = {"form": form, "year": year, "sellers": sellers, "incomplete": incomplete, **thresholds()}
    return render(request, "reporting/operations.html", context)


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
