"""The docs shipped with the app: loading, passage search (BM25) and safe HTML rendering.

Everything is built once per process, on first use, from the markdown files in ``docs/``.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s
import markdown
import nh3
import numpy as np
from bm25s.stopwords import STOPWORDS_EN_PLUS

DOCS_DIR = Path(__file__).resolve().parent / "docs"
_EXTENSIONS = ["fenced_code", "tables", "toc"]
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_WORD = re.compile(r"[A-Za-z0-9]+")
_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# The fuller English list: questions are full of "how do I" and "can my".
_STOPWORDS = frozenset(STOPWORDS_EN_PLUS)
_SNIPPET_CHARS = 240


@dataclass(frozen=True)
class DocPage:
    slug: str
    title: str
    summary: str
    body: str  # markdown, front matter removed


@dataclass(frozen=True)
class Passage:
    slug: str
    title: str
    heading: str
    anchor: str  # the heading's id in the rendered page; "" for text before the first heading
    text: str


@dataclass(frozen=True)
class DocHit:
    slug: str
    title: str
    heading: str
    anchor: str
    snippet: str
    score: float

    @property
    def url(self) -> str:
        return f"/docs/{self.slug}#{self.anchor}" if self.anchor else f"/docs/{self.slug}"


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    pages: dict[str, DocPage]
    html: dict[str, str]
    passages: tuple[Passage, ...]
    retriever: bm25s.BM25


def docs_pages() -> list[DocPage]:
    return list(knowledge_base().pages.values())


def docs_page(slug: str) -> DocPage | None:
    return knowledge_base().pages.get(slug)


def render_docs_page(slug: str) -> str:
    """Sanitized HTML for a page; raises KeyError for an unknown slug (check docs_page first)."""
    return knowledge_base().html[slug]


def render_markdown(text: str) -> str:
    return _sanitize(_convert(text)[0])


def docs_search(query: str, *, limit: int = 5) -> list[DocHit]:
    """Passages ranked by BM25, at most one per page until every matching page has a slot."""
    base = knowledge_base()
    terms = [t for t in _tokenize(query) if t in base.retriever.vocab_dict]
    if not terms or limit <= 0:
        return []
    scores = base.retriever.get_scores(terms)
    ranked = [int(i) for i in np.argsort(-scores, kind="stable") if scores[i] > 0]
    # Best passage of each page first, so one long page cannot crowd out the others.
    seen: set[str] = set()
    firsts: list[int] = []
    extras: list[int] = []
    for i in ranked:
        slug = base.passages[i].slug
        (extras if slug in seen else firsts).append(i)
        seen.add(slug)
    return [_hit(base.passages[i], float(scores[i]), terms) for i in (firsts + extras)[:limit]]


_base: KnowledgeBase | None = None
_lock = threading.Lock()


def knowledge_base() -> KnowledgeBase:
    """The process-wide knowledge base, built on first use (double-checked under a lock)."""
    global _base
    if _base is None:
        with _lock:
            if _base is None:
                _base = _build(DOCS_DIR)
    return _base


def _build(docs_dir: Path) -> KnowledgeBase:
    pages = [_read_page(path) for path in sorted(docs_dir.glob("*.md"))]
    pages.sort(key=lambda page: (page.slug != "overview", page.title))
    html: dict[str, str] = {}
    passages: list[Passage] = []
    for page in pages:
        raw_html, toc_tokens = _convert(page.body)
        html[page.slug] = _sanitize(raw_html)
        passages.extend(_split(page, [token["id"] for token in _flatten(toc_tokens)]))
    retriever = bm25s.BM25()
    # Page title, summary and heading join each passage's terms: sections rarely restate their
    # page's topic, and the summary carries the words people use when asking about it.
    summaries = {page.slug: page.summary for page in pages}
    corpus = [_tokenize(f"{p.title} {summaries[p.slug]} {p.heading} {p.text}") for p in passages]
    retriever.index(corpus, show_progress=False)
    return KnowledgeBase({p.slug: p for p in pages}, html, tuple(passages), retriever)


def _read_page(path: Path) -> DocPage:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        raise ValueError(f"{path.name}: missing front matter")
    head, body = text[4:].split("\n---\n", 1)
    meta = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    meta = {key.strip(): value.strip() for key, value in meta.items()}
    return DocPage(path.stem, meta["title"], meta.get("summary", ""), body.strip() + "\n")


def _split(page: DocPage, anchors: list[str]) -> list[Passage]:
    """Cut the body at each heading; anchors come from the toc extension, in document order."""
    sections: list[tuple[str, list[str]]] = [(page.title, [])]
    in_fence = False
    for line in page.body.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            sections.append((heading.group(2).replace("`", ""), []))
        else:
            sections[-1][1].append(line)
    if len(sections) - 1 != len(anchors):
        raise ValueError(f"{page.slug}: headings and toc ids disagree")
    return [
        Passage(page.slug, page.title, heading, anchor, "\n".join(lines).strip())
        for (heading, lines), anchor in zip(sections, ["", *anchors], strict=True)
        if "\n".join(lines).strip()
    ]


def _tokenize(text: str) -> list[str]:
    """Lowercase words minus stopwords; camelCase names also yield their parts (colorScheme)."""
    tokens: list[str] = []
    for word in _WORD.findall(text):
        parts = _CAMEL_PART.findall(word)
        candidates = [word, *parts] if len(parts) > 1 else [word]
        tokens.extend(c.lower() for c in candidates if c.lower() not in _STOPWORDS)
    return tokens


def _hit(passage: Passage, score: float, terms: list[str]) -> DocHit:
    snippet = _snippet(passage.text, set(terms))
    return DocHit(passage.slug, passage.title, passage.heading, passage.anchor, snippet, score)


def _snippet(text: str, terms: set[str]) -> str:
    """The sentence that matches the most query terms, plus what follows, trimmed to a word."""
    prose = _plain(re.sub(r"^(```|~~~).*?^\1\s*$", " ", text, flags=re.M | re.S)) or _plain(text)
    sentences = re.split(r"(?<=[.!?])\s+", prose)
    best = max(range(len(sentences)), key=lambda i: len(terms & set(_tokenize(sentences[i]))))
    excerpt = " ".join(sentences[best:])
    if len(excerpt) <= _SNIPPET_CHARS:
        return excerpt
    return excerpt[:_SNIPPET_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _plain(markdown_text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)  # links keep their label
    text = re.sub(r"^\s*(```|~~~).*$|^\s*\|?\s*-{3,}.*$", " ", text, flags=re.M)
    text = re.sub(r"^\s*(?:[-*+]|\d+\.|#+)\s+", "", text, flags=re.M)  # list and heading marks
    text = re.sub(r"[`*]+", "", text)  # inline code and emphasis
    return re.sub(r"[\s|>]+", " ", text).strip()


def _convert(text: str) -> tuple[str, list[dict[str, Any]]]:
    # A fresh Markdown instance per call: instances keep state and are not thread-safe.
    md = markdown.Markdown(extensions=_EXTENSIONS)
    return md.convert(text), md.toc_tokens


def _flatten(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [t for token in tokens for t in (token, *_flatten(token["children"]))]


_ALLOWED_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    **{f"h{level}": {"id"} for level in range(1, 7)},  # anchors that citations link to
    "code": {"class"},  # language-* classes for syntax highlighting
    "a": {"href", "title"},
}


def _sanitize(html: str) -> str:
    return nh3.clean(html, tags=set(nh3.ALLOWED_TAGS), attributes=_ALLOWED_ATTRIBUTES)
