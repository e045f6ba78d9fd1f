"""How thread items are written into model input: tags, widgets, actions and attachments."""
from __future__ import annotations

import json
import sys
from datetime import datetime

from chatkit.types import (
    ClientToolCallItem,
    FileAttachment,
    InferenceOptions,
    UserMessageItem,
    UserMessageTagContent,
    UserMessageTextContent,
)

from agents_app.converter import GuideConverter

NOW = datetime.now()


def message(*content, attachments=()) -> UserMessageItem:
    return UserMessageItem(id="m1", thread_id="t", created_at=NOW, content=list(content),
                           attachments=list(attachments), inference_options=InferenceOptions())


async def test_it_turns_entity_tags_into_tag_blocks_with_server_side_details():
    tag = UserMessageTagContent(id="demo:demo_cot", text="Chain of thought", data={"forged": True}, group="Demos")
    items = await GuideConverter().to_agent_input(message(UserMessageTextContent(text="run "), tag))
    text = json.dumps(items)
    assert "run @Chain of thought" in text
    assert '<TAG id=\\"demo:demo_cot\\" group=\\"Demos\\">\\nDemo: Chain of thought (tool demo_cot).' in text
    assert "forged" not in text


async def test_it_adds_a_system_action_note_after_a_completed_client_tool():
    call = ClientToolCallItem(id="c1", thread_id="t", created_at=NOW, status="completed", call_id="call_1",
                              name="switch_theme", arguments={"theme": "dark"}, output={"applied": True})
    items = await GuideConverter().to_agent_input(call)
    assert [i.get("type") for i in items] == ["function_call", "function_call_output", "message"]
    assert items[2]["content"][0]["text"].startswith("<SYSTEM_ACTION>\nThe page ran the client tool switch_theme")


async def test_it_describes_an_attachment_by_name_when_its_contents_are_unavailable(monkeypatch):
    monkeypatch.setitem(sys.modules, "attachments.agent_input", None)  # as if that app had no converter
    attachment = FileAttachment(id="atc_1", name="notes.pdf", mime_type="application/pdf")
    items = await GuideConverter().to_agent_input(message(UserMessageTextContent(text="see file"), attachments=[attachment]))
    parts = items[0]["content"]
    assert parts[0]["text"] == "see file"
    assert len(parts) == 2 and parts[1]["text"].startswith('<ATTACHMENT name="notes.pdf" type="application/pdf">')


async def test_it_names_each_attached_image_on_a_label_before_it(monkeypatch):
    # The Responses API's image part has no file name field: without the label no model can tell
    # the user which of their images it is describing.
    from chatkit.types import ImageAttachment
    from openai.types.responses import ResponseInputImageParam

    class FakeAgentInput:
        @staticmethod
        async def attachment_to_input(attachment):
            return ResponseInputImageParam(type="input_image", detail="auto", image_url="data:image/png;base64,")

    monkeypatch.setitem(sys.modules, "attachments.agent_input", FakeAgentInput)
    images = [ImageAttachment(id=f"atc_{n}", name=f"{name}.png", mime_type="image/png", preview_url="http://x/p")
              for n, name in enumerate(("cat", "dog"))]
    items = await GuideConverter().to_agent_input(message(UserMessageTextContent(text="which is which?"), attachments=images))
    parts = items[0]["content"]
    assert [p["type"] for p in parts] == ["input_text", "input_text", "input_image", "input_text", "input_image"]
    assert parts[1]["text"].startswith('<ATTACHMENT name="cat.png" type="image/png">')
    assert parts[3]["text"].startswith('<ATTACHMENT name="dog.png" type="image/png">')
