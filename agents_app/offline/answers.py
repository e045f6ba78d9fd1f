"""What the offline model says: docs answers built from passages, and replies after tools/actions."""
from __future__ import annotations

import re
from typing import Any

from agents_app.demos import Demo, demo_for_page

from .compose import compose_answer
from .inputs import AttachmentInput, ToolResult, Turn, reported_theme
from .intents import without_handoff_words
from .widget_examples import shape_widget

NOT_COVERED = (
    "The docs shipped with this app don't cover {question}, so I won't guess. I can help with ChatKit "
    "itself: threads and items, widgets and actions, client tools, theming, entity tags, "
    "attachments, workflows and progress updates, or how this Django app serves the protocol."
)
GREETING = (
    "Hi! I'm the ChatKit guide. Ask me how any part of ChatKit works and I'll answer from the docs "
    "with sources, or ask for a live demo: a sample widget, progress updates, a dynamic widget, "
    "a theme switch, a chain of thought, a workflow, a hand-off to the thinking agent, a client effect, "
    "a notice, a form, or a generated image. Say “list the demos” for all of them."
)
FORM_SKIPPED = (
    "No problem: you skipped the form, so I'll stay general. Every client speaks the same protocol to "
    "`/api/chatkit`; ask “Which client should I use?” and I'll explain the differences from the docs."
)


def docs_answer(
    turn: Turn, result: ToolResult, *, thinking: bool = False, offer: Demo | None = None
) -> tuple[str, list[tuple[str, str, int]]]:
    """The composed answer (see compose.py) and its citations; `offer` is a demo to offer to run."""
    passages: list[dict[str, Any]] = result.data().get("passages") or []
    question = f"“{turn.question}”" if turn.question else "that"
    composed = compose_answer(without_handoff_words(turn.question) or str(result.data().get("query", "")), passages)
    if composed is None:
        return NOT_COVERED.format(question=question), []
    text = composed.text
    demo = offer or (None if thinking else demo_for_page(passages[0].get("page", "")))
    if demo is not None:
        text += f"\n\n{_offer(demo, explained=offer is not None)}"
    return text, composed.citations


def _offer(demo: Demo, *, explained: bool) -> str:
    if explained:
        name = re.sub(r"\s*\(.*\)|:.*$", "", demo.title).lower()  # "Sample widget: email draft" -> "sample widget"
        return f"Want me to run it? Say “{demo.prompt}” and I'll run the {name} demo live."
    return f"Want to see it live? Ask me: “{demo.prompt}”."


def recall_answer(turn: Turn) -> str:
    if not turn.previous_questions:
        return "This is the first thing you've asked in this conversation."
    return f"Earlier you asked: “{turn.previous_questions[-1]}”."


def tool_follow_up(result: ToolResult, turn: Turn | None = None) -> str:
    data = result.data()
    if result.name == "sample_widget":
        return (f"Above is a draft email, “{data.get('subject', 'the draft')}”: its body streamed into a Text "
                "component by id. **Shorter** and **Mark urgent** change the card in place, with no model run "
                "(`threads.sync_custom_action`); **Send** and **Discard** are actions the server handles, and "
                "I'll acknowledge whichever you choose.")
    if result.name == "long_running_server_tool_status":
        steps = data.get("steps") or []
        return (f"Done. The tool reported {len(steps)} progress updates while it worked "
                f"({', '.join(s.rstrip('…') for s in steps)}) and found {data.get('records', 0)} records. "
                "Progress updates are transient: they are not stored in the thread.")
    if result.name == "fully_dynamic_widget":
        if data.get("rendered"):
            return (_widget_lead(turn) + " I checked it against the SDK's widget models before rendering it; "
                    "its JSX is the code block between the card and this message.")
        return ("I couldn't render that widget because its definition is invalid, so nothing was shown. "
                f"The validator said: {data.get('error', 'unknown problem')} Fix that and I can try again.")
    if result.name == "demo_cot":
        return ("That was a reasoning workflow: each thought streamed in as a task, then a summary closed it. "
                "Real reasoning models fill the same item from their reasoning summaries.")
    if result.name == "demo_workflow":
        tasks = data.get("tasks") or []
        return (f"All {len(tasks)} tasks ({', '.join(tasks)}) went from loading to complete, and the workflow "
                "closed with a custom summary.")
    return _server_event_follow_up(result) or "Done."


def _server_event_follow_up(result: ToolResult) -> str | None:
    data = result.data()
    if result.name == "highlight_docs_button":
        return ("Did you see the **Docs** link light up? That was a client effect: the server streamed a "
                "`client_effect` event named `highlight`, and the page's effect handler did the rest. "
                "Effects are fire-and-forget and never stored in the thread. More in *Client effects, notices "
                "and structured input*.")
    if result.name == "show_notice":
        return ("That box is a notice: a `notice` event the client shows outside the transcript. It is not "
                "stored, so it is gone after a reload; this app also sends one when history was trimmed for the model. "
                "More in *Client effects, notices and structured input*.")
    if result.name == "record_client_choice":
        if not data.get("known"):
            return f"Noted: {data.get('client')}. Every client speaks the same protocol to `/api/chatkit`."
        return (f"Thanks, noted: you use {data.get('client')}. Your next step: {data.get('next_step')}. "
                "Your answer came back through `threads.add_structured_input`, and the answered form is stored "
                "in the thread, so a reload still shows your choice.")
    if result.name == "list_demos":
        lines = [f"- **{d['title']}**: say “{d['prompt']}”" for d in data.get("demos") or []]
        return ("Here are the live demos I can run. Each one is also linked below as an entity source: "
                "click one to run it.\n\n" + "\n".join(lines))
    return None


def image_answer(subject: str) -> str:
    # Honest about the drawing: rules cannot draw a subject, only a landscape that follows a few words.
    return (f"Here is a stand-in for {subject}: the offline model cannot draw what you name, so it drew a "
            "simple landscape with Pillow (a night sky if you ask for night) and streamed it as an image "
            "generation call. The server stored the PNG as your attachment, and the `generated_image` item "
            "links to it. With OpenAI, the image generation tool draws the subject itself and the same item "
            "carries it. More in *Generated images*.")


def _widget_lead(turn: Turn | None) -> str:
    shaped = shape_widget(turn.question) if turn and turn.question else None
    if shaped is None or not shaped.subject:
        return "I rendered the widget above from a JSON shape."
    if shaped.templated:
        return (f"I built the card above for “{shaped.subject}”: the offline model has a simple layout for that "
                "subject, and its values are placeholders because it has no data to fill them.")
    return (f"The offline model shaped a simple card for “{shaped.subject}” from the words of your request: a title, "
            "the fields you named and two buttons. It follows rules, not judgement; a real model designs the "
            "layout freely.")


def widget_action_ack(anchor_text: str) -> str:
    kind = re.search(r'type="([^"]+)"', anchor_text)
    subject = re.search(r'draft "([^"]*)"', anchor_text)
    name = f"“{subject.group(1)}”" if subject else "the draft"
    if kind and kind.group(1) == "email.send":
        lead = f"Sent! {name} is marked as sent (a demo: no email actually left the server)."
    else:
        lead = f"Discarded: {name} won't be sent, and the card now says so."
    return (f"{lead} The button was a widget action: the server replaced the card with its new state "
            "and noted what happened for me. Want another draft, or to learn how actions are handled? "
            "Ask “How do widget actions work?”")


def system_action_ack(anchor_text: str) -> str:
    theme, previous = reported_theme(anchor_text)
    if theme:
        other = "light" if theme == "dark" else "dark"
        if previous == theme:
            return (f"The page was already in the {theme} theme, so nothing changed. Say “switch to {other} mode” "
                    "or “toggle the theme” to change it.")
        return (f"The page is now in the {theme} theme. That was a client tool: the run stopped, your browser "
                f"switched the theme and reported back, and this reply continued the turn. "
                f"Say “switch back” to return to the {other} theme.")
    return "The page reported that the action completed."


THINKING_STEPS = (
    "Pin down what is being asked and what a good answer must cover.",
    "Look for the relevant pages in the docs rather than relying on memory.",
    "Order the answer: the direct answer first, then the reasoning behind it.",
)


# A question about the files on the message, rather than one that merely comes with a file.
ASKS_ABOUT_ATTACHMENTS = re.compile(
    r"\b(attach\w*|files?|documents?|pdfs?|images?|pictures?|photos?|screenshots?|uploads?|"
    r"what does (it|this|the file) say|in (it|this|these|them)|quote|summari[sz]e)\b",
    re.I,
)
_QUOTE_CHARS = 300
# Words that point at the file rather than at what to look for inside it.
_POINTING = frozenset(
    "what which where is are was the a an in of on to do does it this that these those my attached attachment "
    "attachments file files document documents pdf image picture photo text say says said tell me show find "
    "quote there any word words contain contains contained inside".split()
)


def attachment_answer(turn: Turn) -> str:
    """What the attached files hold, from the text the model input carries, quoting what was asked."""
    files = turn.attachments
    count = "one file" if len(files) == 1 else f"{len(files)} files"
    lines = [f"You attached {count}; here is what the model input carries for {'it' if len(files) == 1 else 'each'}."]
    wanted = [w for w in re.findall(r"[\w'-]+", turn.question.lower()) if w not in _POINTING and len(w) > 2]
    for attachment in files:
        lines += ["", f"- {_describe_attachment(attachment, wanted)}"]
    if any(a.kind == "image" for a in files):
        lines += ["", "I can read text but not pictures: the offline model has no vision, so a real model "
                      "is needed to say what an image shows."]
    return "\n".join(lines)


def _describe_attachment(attachment: AttachmentInput, wanted: list[str]) -> str:
    label = f"**{attachment.name}**" if attachment.name else "An attachment"
    if attachment.kind == "image":
        kind = (attachment.mime_type.split("/")[-1] or "image").upper()
        dimensions = f"{attachment.width} × {attachment.height} pixels, " if attachment.width else ""
        return f"{label}: an image ({kind}, {dimensions}{_size(attachment.size)})."
    if attachment.kind == "opaque":
        return f"{label} ({attachment.mime_type}): its contents are not available to me."
    kind = "PDF" if attachment.kind == "pdf" else attachment.mime_type
    if not attachment.text.strip():
        return f"{label} ({kind}, {_size(attachment.size)}) has no text I can extract."
    quote = _quote(attachment.text, wanted)
    if quote is None:
        return f"{label} ({kind}, {_size(attachment.size)}) begins: “{_excerpt(attachment.text)}”"
    found, lines = quote
    return f"{label} ({kind}, {_size(attachment.size)}) mentions {found}: “{lines}”"


def _quote(text: str, wanted: list[str]) -> tuple[str, str] | None:
    """The lines that contain the words the question looks for, if it looks for any."""
    for word in wanted:
        hits = [line.strip() for line in text.splitlines() if re.search(rf"\b{re.escape(word)}", line, re.I)]
        if hits:
            return f"“{word}”", _excerpt(" … ".join(hits[:3]))
    return None


def _excerpt(text: str) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= _QUOTE_CHARS:
        return flat
    return flat[:_QUOTE_CHARS].rsplit(" ", 1)[0] + " …"


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
