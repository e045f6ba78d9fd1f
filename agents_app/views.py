"""The docs pages the guide cites: `/docs/` and `/docs/<slug>`."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from .knowledge import docs_page, docs_pages, render_docs_page


def docs_index(request: HttpRequest) -> HttpResponse:
    return render(request, "docs/index.html", {"pages": docs_pages()})


def docs_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = docs_page(slug)
    if page is None:
        raise Http404("No such docs page.")
    # render_docs_page returns Markdown rendered to HTML and sanitized by nh3.
    body = mark_safe(render_docs_page(slug))  # noqa: S308
    return render(request, "docs/page.html", {"page": page, "pages": docs_pages(), "body": body})
