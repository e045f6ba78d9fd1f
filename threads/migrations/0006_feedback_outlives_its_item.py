"""Feedback keeps its rating when the item goes (a retry deletes the rated answer): it now
belongs to the thread and names the item by id; the link to the row becomes nullable."""
from __future__ import annotations

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def copy_thread_and_item_key(apps: Any, schema_editor: Any) -> None:
    Feedback = apps.get_model("threads", "Feedback")
    for feedback in Feedback.objects.select_related("item").iterator():
        feedback.thread_id = feedback.item.thread_id
        feedback.item_key = feedback.item.item_id
        feedback.save(update_fields=["thread", "item_key"])


class Migration(migrations.Migration):
    dependencies = [("threads", "0005_item_thread_index_redundant")]

    operations = [
        migrations.AddField(
            model_name="feedback", name="thread",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="feedback", to="threads.thread"),
        ),
        migrations.AddField(
            model_name="feedback", name="item_key",
            field=models.CharField(default="", help_text="The rated item's id; kept after a retry deletes the item.", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(copy_thread_and_item_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="feedback", name="thread",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="feedback", to="threads.thread"),
        ),
        migrations.AlterField(
            model_name="feedback", name="item",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="feedback", to="threads.threaditem"),
        ),
    ]
