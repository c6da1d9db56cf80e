"""/operations/analytics: the market's figures per week or month, for operators; `?format=csv` downloads them."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openhour.lib.errors import NotAllowed
from openhour.lib.money import format_money
from openhour.lib.web import AuthenticatedHttpRequest
from openhour.operations.analytics import csv, selectors
from openhour.operations.analytics.chart import Chart, bar_chart
from openhour.operations.analytics.definitions import DEFINITIONS
from openhour.operations.analytics.periods import MONTH, WEEK

# The figures each part of the page shows, whose definitions it prints under its table.
SECTIONS = {
    "money": ["gmv", "take_rate", "client_fee", "freelancer_fee", "conversion_fee", "refund_rate"],
    "hiring": [
        "projects_posted",
        "fill_rate",
        "first_proposal_hours",
        "hire_hours",
        "hires",
        "repeat_hire_rate",
        "repeat_same_rate",
    ],
    "people": ["active_clients", "active_freelancers", "milestones_funded", "dispute_rate"],
    "payouts": ["payouts_waiting"],
}


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=gettext_lazy("Figures per"),
        required=False,
        choices=[(WEEK, gettext_lazy("Week")), (MONTH, gettext_lazy("Month"))],
    )
    format = forms.ChoiceField(required=False, choices=[("", "HTML"), ("csv", "CSV")])


@login_required
def analytics_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Operators only. A bad `period` shows the page again with the choice marked wrong (400)."""
    if not request.user.is_staff:
        raise NotAllowed(_("Only operators see the market's figures."))
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return render(request, "operations/analytics.html", {"form": form}, status=400)
    period = form.cleaned_data["period"] or WEEK
    report = selectors.market_figures_cached(period=period)
    if form.cleaned_data["format"] == "csv":
        return _csv(report)
    return render(request, "operations/analytics.html", _context(form, report))


def _csv(report: selectors.Report) -> HttpResponse:
    name = f"openhour-analytics-{report.period}-{report.generated_at:%Y-%m-%d}.csv"
    response = HttpResponse(csv.as_text(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def period_label(period: str, start: Any) -> str:
    """A week by the day it starts ("6 Dec", "6 déc."), a month with its year ("Dec 2026", "déc. 2026")."""
    return date_format(start, "MONTH_DAY_FORMAT" if period == WEEK else "YEAR_MONTH_FORMAT")


def _context(form: PeriodForm, report: selectors.Report) -> dict[str, Any]:
    return {
        "form": form,
        "report": report,
        "terms": {section: [DEFINITIONS[name] for name in names] for section, names in SECTIONS.items()},
        "money_tables": [_money_table(report, currency) for currency in report.currencies],
        "fill_chart": _fill_chart(report),
        "csv_query": f"period={report.period}&format=csv",
    }


def _labels(report: selectors.Report) -> list[str]:
    return [period_label(report.period, period.start) for period in report.periods]


def _money_table(report: selectors.Report, currency: str) -> dict[str, Any]:
    """One currency's chart of GMV and its rows, newest first: every period, zeros included."""
    values = [period.money_in(currency).gmv for period in report.periods]
    title = _("Paid into work per %(period)s in %(currency)s") % {"period": report.period, "currency": currency}
    chart = bar_chart(
        title=title, values=values, labels=_labels(report), tick=lambda amount: format_money(amount, currency)
    )
    rows = [(period.start, period.money_in(currency)) for period in report.newest_first]
    return {"currency": currency, "chart": chart, "rows": rows}


def _fill_chart(report: selectors.Report) -> Chart:
    title = _("Fill rate per %(period)s") % {"period": report.period}
    values = [period.fill_rate for period in report.periods]
    return bar_chart(title=title, values=values, labels=_labels(report), tick=lambda level: f"{level}%")
