"""How stored thread items reach the model: tags, widgets and actions as labelled text blocks."""
from __future__ import annotations

import importlib
import json
from typing import Any

from agents import TResponseInputItem
from chatkit.agents import ThreadItemConverter
from chatkit.types import (
    Attachment,
    ClientToolCallItem,
    HiddenContextItem,
    UserMessageItem,
    UserMessageTagContent,
    WidgetItem,
)
from openai.types.responses import ResponseInputContentParam, ResponseInputTextParam
from openai.types.responses.response_input_item_param import Message

from .entities import entity_details

WIDGET_JSON_CHARS = 4000
# Blocks the converter writes itself; the offline planner uses them to tell notes from user text.
MARKERS = ("<TAG", "<WIDGET", "<WIDGET_ACTION", "<SYSTEM_ACTION", "<ATTACHMENT")
# The text of the label put before each attached image (see GuideConverter.user_message_to_input).
IMAGE_LABEL = "The image that follows."


def image_label(attachment: Attachment) -> ResponseInputTextParam:
    return ResponseInputTextParam(
        type="input_text", text=f'<ATTACHMENT name="{attachment.name}" type="{attachment.mime_type}">{IMAGE_LABEL}</ATTACHMENT>'
    )


def note(text: str) -> Message:
    return Message(type="message", role="user", content=[ResponseInputTextParam(type="input_text", text=text)])


class GuideConverter(ThreadItemConverter):
    async def tag_to_message_content(self, tag: UserMessageTagContent) -> ResponseInputContentParam:
        details = entity_details(tag.id) or f"{tag.text} (no further details are known)"
        return ResponseInputTextParam(
            type="input_text", text=f'<TAG id="{tag.id}" group="{tag.group or ""}">\n{details}\n</TAG>'
        )

    async def widget_to_input(self, item: WidgetItem) -> TResponseInputItem | list[TResponseInputItem] | None:
        shape = item.widget.model_dump_json(exclude_none=True)[:WIDGET_JSON_CHARS]
        summary = f"\n{item.copy_text}" if item.copy_text else ""
        return note(f'<WIDGET id="{item.id}">\nShown to the user:{summary}\n{shape}\n</WIDGET>')

    async def hidden_context_to_input(self, item: HiddenContextItem) -> TResponseInputItem | list[TResponseInputItem] | None:
        if isinstance(item.content, str) and item.content.startswith(("<WIDGET_ACTION", "<SYSTEM_ACTION")):
            return note(item.content)
        return await super().hidden_context_to_input(item)

    async def client_tool_call_to_input(self, item: ClientToolCallItem) -> TResponseInputItem | list[TResponseInputItem] | None:
        converted = await super().client_tool_call_to_input(item)
        if converted is None:
            return None
        report = json.dumps(item.output) if item.output is not None else "no details"
        action = f"<SYSTEM_ACTION>\nThe page ran the client tool {item.name}({json.dumps(item.arguments)}) and reported: {report}\n</SYSTEM_ACTION>"
        return [*(converted if isinstance(converted, list) else [converted]), note(action)]

    async def user_message_to_input(
        self, item: UserMessageItem, is_last_message: bool = True
    ) -> TResponseInputItem | list[TResponseInputItem] | None:
        converted = await super().user_message_to_input(item, is_last_message)
        # An image content part has no field for a file name, so each attached image is preceded by
        # a one-line label naming it: any model can then say which file is which. The SDK builds the
        # message as [the user's text, one part per attachment, in order].
        for message in converted if isinstance(converted, list) else [converted]:
            content = message.get("content") if isinstance(message, dict) else None
            if not isinstance(content, list) or len(content) != 1 + len(item.attachments):
                continue
            labelled: list[Any] = [content[0]]
            for attachment, part in zip(item.attachments, content[1:], strict=True):
                if isinstance(part, dict) and part.get("type") == "input_image":
                    labelled.append(image_label(attachment))
                labelled.append(part)
            message["content"] = labelled  # type: ignore[index]
        return converted

    async def attachment_to_message_content(self, attachment: Attachment) -> ResponseInputContentParam:
        converted = await _attachment_input(attachment)
        if converted is not None:
            return converted
        return ResponseInputTextParam(
            type="input_text",
            text=f'<ATTACHMENT name="{attachment.name}" type="{attachment.mime_type}">The user attached this file; '
            "its contents are not available to you.</ATTACHMENT>",
        )


async def _attachment_input(attachment: Attachment) -> Any:
    """The attachments app's conversion when it is installed (it is built separately)."""
    try:
        module = importlib.import_module("attachments.agent_input")
    except ImportError:
        return None
    return await module.attachment_to_input(attachment)
