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
)

_BY_NAME = {demo.name: demo for demo in DEMOS}


def demo_named(name: str) -> Demo | None:
    return _BY_NAME.get(name)


def demo_for_page(slug: str) -> Demo | None:
    """The demo that shows what a docs page explains, to offer after an answer."""
    return next((demo for demo in DEMOS if demo.doc_slug == slug), None)
