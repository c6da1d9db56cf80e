# Each part of the operations app lists its own full paths.
from django.urls import path

from openhour.operations.analytics import views as analytics

urlpatterns: list = [
    path("operations/analytics", analytics.analytics_page, name="operations_analytics"),
]
