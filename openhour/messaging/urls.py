"""Pages of messaging: conversations, notifications, and blocking and reporting, each part listing its full paths."""

from django.urls import URLResolver, include, path

urlpatterns: list[URLResolver] = [
    path("", include("openhour.messaging.conversations.urls")),
    path("", include("openhour.messaging.notifications.urls")),
    path("", include("openhour.messaging.safety.urls")),
]
