"""The public transparency report page: the same figures for everyone; the publication-bias alert only for
operators."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openhour.lib.errors import InvalidInput
from openhour.reviews.integrity import transparency


def transparency_page(request: HttpRequest) -> HttpResponse:
    """`?quarter=2026Q4` (default: the current quarter); a bad quarter shows the error and the picker."""
    context: dict[str, Any] = {
        "quarters": transparency.quarters_available(),
        "report": None,
        "error": None,
        "staff": bool(request.user.is_authenticated and request.user.is_staff),
        "tolerance": transparency.ALERT_TOLERANCE_POINTS,
        "min_low": transparency.ALERT_MIN_LOW_REVIEWS,
    }
    try:
        quarter = transparency.quarter_parse(request.GET.get("quarter"))
    except InvalidInput as refused:
        context["error"] = refused.message
        return render(request, "integrity/transparency.html", context, status=400)
    report = transparency.transparency_report(quarter=quarter)
    if quarter not in context["quarters"]:  # older than the first review: still selectable, so show it chosen
        context["quarters"] = sorted([*context["quarters"], quarter], reverse=True)
    context |= {
        "report": report,
        "removed_rows": _labelled(report.removed_by_rule),
        "flag_rows": _labelled(report.flags_by_reason),
        "source_rows": _labelled(report.cases_by_source),
        "decision_rows": _labelled(report.decisions),
    }
    return render(request, "integrity/transparency.html", context)


def _labelled(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(code, transparency.choice_label(code), n) for code, n in counts.items()]
