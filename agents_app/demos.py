"""The live demos the guide can run: one catalogue for the @-mention search, tags and the planner."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Demo:
    name: str  # the tool (or handoff) the guide calls
    title: str
    description: str
    prompt: str  # a plain-words request that runs it
    doc_slug: str  # the docs page that explains the feature it shows
    icon: str


DEMOS: tuple[Demo, ...] = (
    Demo("sample_widget", "Sample widget: email draft",
         "A Card whose body text streams in, with Send and Discard buttons handled as widget actions.",
         "Show me the sample widget", "widgets", "mail"),
    Demo("long_running_server_tool_status", "Progress updates",
         "A server tool that reports progress for a few seconds before it answers.",
         "Run the long-running tool with progress updates", "workflows-and-progress", "clock"),
    Demo("fully_dynamic_widget", "Dynamic widget",
         "The model supplies a widget shape; the server validates it, renders it and shows its JSX.",
         "Build me a dynamic widget with a title, a badge and two buttons", "widgets", "square-code"),
    Demo("switch_theme", "Switch theme (client tool)",
         "A client tool call that flips the page between light and dark and reports back.",
         "Switch to dark mode", "client-tools", "settings-slider"),
    Demo("demo_cot", "Chain of thought",
         "A reasoning workflow: thought tasks stream one by one, then a summary closes it.",
         "Show me a chain of thought", "workflows-and-progress", "lightbulb"),
    Demo("demo_workflow", "Custom workflow",
         "A workflow of custom tasks that move from loading to complete.",
         "Run the workflow demo", "workflows-and-progress", "batch"),
    Demo("thinking_agent_handoff", "Thinking agent handoff",
         "Hands a hard question to a second agent that reasons before answering.",
         "Think hard: how should I structure a ChatKit integration?", "agents-integration", "atom"),
    Demo("highlight_docs_button", "Client effect: highlight the Docs link",
         "The server streams a client_effect event; the page's effect handler briefly highlights the Docs link.",
         "Highlight the docs button", "effects-notices-and-inputs", "sparkle"),
    Demo("show_notice", "Notice",
         "The server streams a notice event: a one-off message shown outside the transcript.",
         "Show me a notice", "effects-notices-and-inputs", "info"),
    Demo("ask_which_client", "Structured input: which client?",
         "A multiple-choice form ends the turn; your answer comes back as structured input and steers the reply.",
         "Ask me which client I use", "effects-notices-and-inputs", "write"),
    Demo("image_generation", "Generated image",
         "A generated_image item: drawn offline with Pillow (or by OpenAI's image tool) and stored as an attachment.",
         "Draw me a picture of a lighthouse at night", "generated-images", "images"),
    Demo("list_demos", "Entity sources: the demo list",
         "An answer that names every demo, each cited as a clickable entity source that runs it.",
         "List the demos", "sources-and-annotations", "bolt"),
)

_BY_NAME = {demo.name: demo for demo in DEMOS}


def demo_named(name: str) -> Demo | None:
    return _BY_NAME.get(name)


def demo_for_page(slug: str) -> Demo | None:
    """The demo that shows what a docs page explains, to offer after an answer."""
    return next((demo for demo in DEMOS if demo.doc_slug == slug), None)
