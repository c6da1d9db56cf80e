from django.urls import URLPattern, path

from openhour.webhooks import views

urlpatterns: list[URLPattern] = [
    path("me/webhooks", views.webhooks, name="webhooks"),
    path("me/webhooks/<int:endpoint_id>", views.webhook_detail, name="webhook_detail"),
    path("me/webhooks/<int:endpoint_id>/test", views.webhook_test, name="webhook_test"),
    path("me/webhooks/<int:endpoint_id>/rotate-secret", views.webhook_rotate_secret, name="webhook_rotate_secret"),
    path("me/webhooks/<int:endpoint_id>/enable", views.webhook_enable, name="webhook_enable"),
    path("me/webhooks/<int:endpoint_id>/delete", views.webhook_delete, name="webhook_delete"),
]
