"""`search_docs`: retrieval over the docs shipped with the app; passages carry their page URL."""
from __future__ import annotations

import json

from agents import RunContextWrapper, function_tool
from asgiref.sync import sync_to_async
from chatkit.agents import AgentContext

from agents_app.knowledge import docs_search
from agents_app.sources import remember_sources

PASSAGE_LIMIT = 4


@function_tool
async def search_docs(ctx: RunContextWrapper[AgentContext], query: str) -> str:
    """Search the ChatKit Studio docs. Returns passages with the title and URL to cite for each.

    Args:
        query: What to look for, in plain words (for example "how do widget actions work").
    """
    # The first search builds the index; keep that off the event loop.
    hits = await sync_to_async(docs_search, thread_sensitive=False)(query, limit=PASSAGE_LIMIT)
    passages = [
        {"title": hit.title, "heading": hit.heading, "url": hit.url, "page": hit.slug, "text": hit.snippet}
        for hit in hits
    ]
    remember_sources(ctx.context, [(f"{p['title']} · {p['heading']}" if p["heading"] else p["title"], p["url"]) for p in passages])
    return json.dumps({"query": query, "passages": passages})
