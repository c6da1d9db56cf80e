"""Pages of seller income reporting."""

from django.urls import URLPattern, path

from openhour.money.reporting.views import me, operations

urlpatterns: list[URLPattern] = [
    path("me/tax-details", me.tax_details, name="reporting_tax_details"),
    path("me/statements", me.statements, name="reporting_statements"),
    path("me/statements/<int:year>.pdf", me.statement_download, name="reporting_statement"),
    path("operations/reporting", operations.reporting_page, name="operations_reporting"),
]
