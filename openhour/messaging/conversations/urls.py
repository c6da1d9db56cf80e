from django.urls import path

from openhour.messaging.conversations import views

urlpatterns = [
    path("messages", views.inbox, name="inbox"),
    path("messages/with/<str:username>", views.conversation_with, name="conversation_with"),
    path("messages/files/<int:file_id>", views.attachment, name="message_attachment"),
    path("messages/<int:conversation_id>", views.conversation, name="conversation"),
    path("messages/<int:conversation_id>/stream", views.conversation_stream, name="conversation_stream"),
]
