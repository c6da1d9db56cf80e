# Each part of the operations app lists its own full paths.
from django.urls import path

from openhour.operations.analytics import views as analytics
from openhour.operations.views import brand_css

urlpatterns: list = [
    path("operations/analytics", analytics.analytics_page, name="operations_analytics"),
    path("brand.css", brand_css, name="brand_css"),  # the colours operators set, cached by version
]
