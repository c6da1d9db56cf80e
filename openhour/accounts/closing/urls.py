"""Pages of closed accounts."""

from django.urls import URLPattern, path

from openhour.accounts.closing import views

urlpatterns: list[URLPattern] = [
    path("me/close", views.account_close_page, name="account_close"),
]
