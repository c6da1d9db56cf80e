from django.urls import path

from openhour.messaging.notifications import views

urlpatterns = [
    path("notifications", views.notifications, name="notifications"),
    path("notifications/bell", views.notifications_bell, name="notifications_bell"),
    path("notifications/<int:notification_id>/open", views.notification_open, name="notification_open"),
    path("notifications/read-all", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/unsubscribe/<str:token>", views.notification_unsubscribe, name="notification_unsubscribe"),
    path("me/notifications", views.notification_preferences, name="notification_preferences"),
]
