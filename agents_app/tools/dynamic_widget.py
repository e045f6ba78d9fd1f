"""`fully_dynamic_widget`: renders a widget shape the model wrote, after validating it."""
from __future__ import annotations

import json

from agents import RunContextWrapper, function_tool
from chatkit.agents import AgentContext

from agents_app.widgets.jsx import widget_jsx
from agents_app.widgets.validation import WidgetDefinitionError, widget_from_definition


@function_tool
async def fully_dynamic_widget(ctx: RunContextWrapper[AgentContext], widget: str) -> str:
    """Render a widget you design. Show the user the returned JSX in a ```jsx code block.

    Args:
        widget: JSON text of a ChatKit widget: a root of type Card, ListView or Basic whose
            children are components such as Title, Text, Caption, Badge, Row, Col, Button, Divider.
    """
    try:
        root = widget_from_definition(widget)
    except WidgetDefinitionError as exc:
        # Back to the model as the tool result: it can explain, or fix the shape and retry.
        return json.dumps({"rendered": False, "error": str(exc)})
    await ctx.context.stream_widget(root)
    return json.dumps({"rendered": True, "jsx": widget_jsx(root.model_dump())})
