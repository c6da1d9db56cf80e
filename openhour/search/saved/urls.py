from django.urls import URLPattern, path

from openhour.search.saved import views

urlpatterns: list[URLPattern] = [
    path("me/saved-searches", views.saved_searches, name="saved_searches"),
    path("me/saved-searches/new", views.saved_search_new, name="saved_search_new"),
    path("me/saved-searches/<int:search_id>/alert", views.saved_search_alert, name="saved_search_alert"),
    path("me/saved-searches/<int:search_id>/delete", views.saved_search_delete, name="saved_search_delete"),
    path("saved-searches/unsubscribe/<str:token>", views.saved_search_unsubscribe, name="saved_search_unsubscribe"),
]
