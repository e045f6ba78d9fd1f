"""What the owner sees where a moderator hid an item: a notice, never the item or the reason.

Without it a hidden answer simply vanished, leaving a question with no reply and no word why.
The placeholder is an ordinary protocol item (a `WidgetItem` with a small card), so ChatKit.js
and the open client both render it with no client change; it keeps the hidden item's id and
time, so it sits where the item was and `after` cursors keep working. Only the id, thread and
time of the hidden row go into it. The moderator's reason stays in the admin, for staff.
"""
from __future__ import annotations

from datetime import datetime

from chatkit.types import WidgetItem
from chatkit.widgets import Card, Icon, Row, Text

from chatkit_site.converter import PLACEHOLDER_KEY

HIDDEN_NOTICE = "A moderator hid this message"


def hidden_item_placeholder(*, item_id: str, thread_id: str, created_at: datetime) -> WidgetItem:
    notice = Row(gap=2, align="center", children=[Icon(name="info", color="secondary"), Text(value=HIDDEN_NOTICE, color="secondary")])
    card = Card(key=PLACEHOLDER_KEY, size="sm", children=[notice])
    return WidgetItem(id=item_id, thread_id=thread_id, created_at=created_at, widget=card, copy_text=HIDDEN_NOTICE)
