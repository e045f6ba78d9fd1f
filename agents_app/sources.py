"""Sources on every provider: the docs passages a turn retrieved, cited on its answer.

The offline model cites the passages it composed its answer from itself. A real model
(OpenAI, or an OpenAI-compatible server) reads the same passages through `search_docs`, a
function tool, but its text carries no citations. So `search_docs` remembers what it returned
for the turn, and an assistant message the model left without sources gets those passages as
URL sources to the app's own `/docs/…` pages: shown under the answer and stored with it.

Replies that are not built from the docs (after a demo, the demo list) cite the demos and docs
pages they name as entity sources instead (`cite_demos`): clicking one runs the demo or opens
the page.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import sync_to_async
from chatkit.agents import AgentContext
from chatkit.types import (
    Annotation,
    AssistantMessageItem,
    EntitySource,
    ThreadItemDoneEvent,
    ThreadStreamEvent,
    URLSource,
)
from pydantic import Field

from .demos import DEMOS
from .knowledge import DocPage, docs_pages


class GuideContext(AgentContext[Any]):
    """The SDK's per-run agent context, plus the docs passages `search_docs` returned in this run
    that no answer has cited yet: (title, url) pairs."""

    docs_sources: list[tuple[str, str]] = Field(default_factory=list)


def remember_sources(agent_context: Any, sources: list[tuple[str, str]]) -> None:
    """Keep (title, url) pairs `search_docs` returned, for this run's next answer."""
    if not isinstance(agent_context, GuideContext):
        return
    known = {url for _, url in agent_context.docs_sources}
    agent_context.docs_sources.extend((title, url) for title, url in sources if url not in known)


async def with_retrieved_sources(events: AsyncIterator[ThreadStreamEvent], run: GuideContext) -> AsyncIterator[ThreadStreamEvent]:
    """`events`, with the run's retrieved passages cited on an answer that cites nothing."""
    async for event in events:
        if isinstance(event, ThreadItemDoneEvent) and isinstance(event.item, AssistantMessageItem) and run.docs_sources:
            cite(event.item, run.docs_sources)
            run.docs_sources = []
        if isinstance(event, ThreadItemDoneEvent) and isinstance(event.item, AssistantMessageItem):
            # The docs index builds on first use (most of a second): never on the event loop.
            named_pages = any("*" in part.text for part in event.item.content)
            pages = await sync_to_async(docs_pages, thread_sensitive=False)() if named_pages else []
            cite_demos(event.item, pages)
        yield event


def cite(message: AssistantMessageItem, sources: list[tuple[str, str]]) -> None:
    if not message.content or any(part.annotations for part in message.content):
        return  # the model cited its own sources (the offline model does): those stand
    last = message.content[-1]
    last.annotations = [
        Annotation(source=URLSource(url=url, title=title), index=len(last.text)) for title, url in sources
    ]


def cite_demos(message: AssistantMessageItem, pages: list[DocPage]) -> None:
    """Demos an answer names (by title or by the prompt that runs them), and docs pages it names
    in italics (*Generated images*), become entity sources.

    Clicking one runs the demo (the page's `entities.onClick` sends its prompt) or opens the page.
    Answers built from the docs keep only their docs sources: those say where a claim is from.
    """
    if not message.content or any(part.annotations for part in message.content):
        return
    last = message.content[-1]
    found: list[tuple[int, EntitySource]] = []
    for demo in DEMOS:
        # The title as written; the prompt in quotes in any case ("say “list the demos”").
        at = max(last.text.find(demo.title), last.text.lower().find(f"“{demo.prompt.lower()}”"))
        if at >= 0:
            found.append((_line_end(last.text, at), EntitySource(
                id=f"demo:{demo.name}", title=demo.title, description=demo.description, icon=demo.icon, label="Demo",
                group="Demos", interactive=True, data={"kind": "demo", "demo": demo.name, "prompt": demo.prompt},
            )))
    for page in pages:
        at = last.text.find(f"*{page.title}*")
        if at >= 0:
            found.append((_line_end(last.text, at), EntitySource(
                id=f"doc:{page.slug}", title=page.title, description=page.summary, icon="book-open", label="Docs",
                group="Docs", interactive=True, data={"kind": "doc", "slug": page.slug, "url": f"/docs/{page.slug}"},
            )))
    last.annotations = [Annotation(index=at, source=source) for at, source in sorted(found, key=lambda pair: pair[0])]


def _line_end(text: str, at: int) -> int:
    """Where a source for a mention at `at` is cited: the end of its line."""
    end = text.find("\n", at)
    return end if end >= 0 else len(text)
