from django.urls import path

from openhour.operations.metrics import views

# Included at /metrics from openhour/urls.py: the operations app's own urls are another page's.
urlpatterns = [path("", views.metrics, name="metrics")]
