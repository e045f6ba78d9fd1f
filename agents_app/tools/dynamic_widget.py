"""`fully_dynamic_widget`: renders a widget shape the model wrote, after validating it.

The tool shows the widget's JSX itself, as a code block right after the widget, so the model
does not have to repeat it (and cannot get it wrong).
"""
from __future__ import annotations

import json
from datetime import datetime

from agents import RunContextWrapper, function_tool
from chatkit.agents import AgentContext
from chatkit.types import AssistantMessageContent, AssistantMessageItem, ThreadItemDoneEvent

from agents_app.widgets.jsx import widget_jsx
from agents_app.widgets.validation import WidgetDefinitionError, widget_from_definition


@function_tool
async def fully_dynamic_widget(ctx: RunContextWrapper[AgentContext], widget: str) -> str:
    """Render a widget you design. Its JSX is shown to the user beside it: do not repeat it.

    Args:
        widget: JSON text of a ChatKit widget: a root of type Card, ListView or Basic whose
            children are components such as Title, Text, Caption, Badge, Row, Col, Button, Divider.
    """
    try:
        root = widget_from_definition(widget)
    except WidgetDefinitionError as exc:
        # Back to the model as the tool result: it can explain, or fix the shape and retry.
        return json.dumps({"rendered": False, "error": str(exc)})
    agent_context = ctx.context
    await agent_context.stream_widget(root)
    jsx = widget_jsx(root.model_dump())
    await agent_context.stream(ThreadItemDoneEvent(item=AssistantMessageItem(
        id=agent_context.generate_id("message"), thread_id=agent_context.thread.id, created_at=datetime.now(),
        content=[AssistantMessageContent(text=f"The widget above as JSX:\n\n```jsx\n{jsx}\n```")],
    )))
    return json.dumps({"rendered": True, "jsx_shown_to_user": True})
