"""Each side of a conversation keeps its unread count and the conversation's last activity, and the conversation
its last message, so the inbox and the header's count read stored values instead of counting messages."""

from datetime import UTC, datetime
from typing import Any

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count, DateTimeField, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def fill(apps: Any, schema_editor: Any) -> None:
    """What sending and reading would have kept, from the messages there are (one statement per table)."""
    Conversation = apps.get_model("messaging", "Conversation")
    Participant = apps.get_model("messaging", "Participant")
    Message = apps.get_model("messaging", "Message")
    last = Message.objects.filter(conversation=OuterRef("pk")).order_by("-created_at", "-id").values("pk")[:1]
    Conversation.objects.update(last_message=Subquery(last))
    started = Conversation.objects.filter(pk=OuterRef("conversation_id"))
    at = started.values(on=Coalesce("last_message_at", "created_at"))[:1]
    read = Coalesce(OuterRef("last_read_at"), Value(EPOCH), output_field=DateTimeField())
    newer = (
        Message.objects.filter(conversation=OuterRef("conversation_id"), created_at__gt=read)
        .exclude(sender=OuterRef("user_id"))
        .order_by()
        .values("conversation")
        .annotate(n=Count("id"))
        .values("n")
    )
    Participant.objects.update(
        activity=Subquery(at, output_field=DateTimeField()),
        unread=Coalesce(Subquery(newer, output_field=IntegerField()), 0),
    )
    if schema_editor.connection.vendor == "postgresql":  # the indexes below may not wait on deferred checks
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0003_private_storage_random_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="conversation",
            name="last_message",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="messaging.message",
            ),
        ),
        migrations.AddField(
            model_name="participant",
            name="activity",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="participant",
            name="unread",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(fields=["user", "-activity", "-conversation"], name="participant_inbox"),
        ),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(
                condition=models.Q(("unread__gt", 0)), fields=["user"], include=("unread",), name="participant_unread"
            ),
        ),
    ]
