"""The docs shipped with the app: loading, section search (BM25) and safe HTML rendering.

Everything is built once per process, on first use, from the markdown files in ``docs/``.

Search works on sections (a heading and the text under it, with the page's title and summary as
context). Words are stemmed (PyStemmer, the stemmer bm25s is built to use) so "uploading" finds
"uploads"; option and API names (`history.enabled`, `onClientTool`, `two_phase`) are also kept
whole and, when a question names one, the sections that document it are boosted; and a small
synonym table maps the words people ask with onto ChatKit's vocabulary ("French" -> locale).
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
import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS

DOCS_DIR = Path(__file__).resolve().parent / "docs"
_EXTENSIONS = ["fenced_code", "tables", "toc"]
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_WORD = re.compile(r"[A-Za-z0-9]+")
_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# An option or API name: dotted (history.enabled), camelCase (onClientTool) or snake_case (two_phase).
_NAME = re.compile(
    r"(?<![\w.])(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|[a-z]+[A-Z]\w*|[A-Za-z0-9]+_\w+)(?![\w(])"
)
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_STEMMER = Stemmer.Stemmer("english")
# How much a section that documents a name the question uses gains, as a share of the top score:
# a named option should win over sections that merely share the question's other words.
_NAME_IN_HEADING_BOOST = 1.0
_NAME_IN_TEXT_BOOST = 0.5
# A second section of the same page may take a top slot when it scores this close to the page's
# best: questions are about one section, and its neighbour is often the right one.
SAME_PAGE_SHARE = 0.8
# The fuller English list: questions are full of "how do I" and "can my".
_STOPWORDS = frozenset(STOPWORDS_EN_PLUS)
_SNIPPET_CHARS = 240

# ChatKit's vocabulary for the words people use instead. Applied to questions only: each match
# adds the ChatKit terms to the query (the original words stay). Keep it small and general.
SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"\b(languages?|french|german|spanish|translat\w*|locali[sz]\w*|i18n)\b", "locale"),
    (r"\b(hide|remove|turn off|disable)\b.{0,30}\b(history|sidebar|past (threads|conversations|chats))\b",
     "history.enabled"),
    (r"\bcolou?rs?\b", "color colour"),
    (r"\b(style|styling|look|appearance|brand\w*)\b", "theme colour"),
    (r"\b(dark|light) (mode|theme)\b", "colorScheme"),
    (r"\b(corners?|rounded|roundness|square)\b", "radius"),
    (r"\b(kinds?|sorts?) of\b", "types"),
    (r"\b(dens\w*|compact|spacing)\b", "density"),
    (r"\b(tokens?|client secrets?|session secrets?)\b", "getClientSecret client secret"),
    (r"\b(refresh\w*|expir\w*|renew\w*)\b", "refresh expiry"),
    (r"^\W*(what is|what's|tell me about|explain) chatkit\W*$", "overview two halves"),
    (r"\b(upload\w*|files?|pdfs?|images?|pictures?)\b", "attachments"),
    (r"\b(stop|cancel\w*|abort\w*|interrupt\w*)\b", "cancellation"),
    (r"\b(thumbs?|ratings?|rate)\b", "feedback"),
    (r"\b(slow|long[- ]running|takes? a long time)\b", "progress updates"),
    (r"\b(mention\w*|@)", "entity tag"),
    (r"\b(suggest\w*|starter|empty screen)\b", "startScreen prompts"),
    (r"\b(hint|placeholder)\b", "composer placeholder"),
    (r"\b(buttons?|clicks?|clicked)\b", "actions"),
    (r"\b(rename|name|title)\b", "title"),
)
_SYNONYMS = tuple((re.compile(pattern, re.I), expansion) for pattern, expansion in SYNONYMS)


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
    # Lowercased option/API name -> indexes of the passages that document it (in a heading, or
    # in a code span of the text), each with the boost it earns there.
    names: dict[str, dict[int, float]]


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
    """Sections ranked by BM25 plus name boosts, spread across pages unless a page's next is close."""
    base = knowledge_base()
    expanded = expand_query(query)
    terms = [t for t in _tokenize(expanded) if t in base.retriever.vocab_dict]
    # Only names the question itself uses earn the boost; a synonym's name is just another term.
    names = [name for name in _names_in(query) if name in base.names]
    if not (terms or names) or limit <= 0:
        return []
    scores = base.retriever.get_scores(terms) if terms else np.zeros(len(base.passages))
    top = float(scores.max()) or 1.0
    for name in names:
        for index, boost in base.names[name].items():
            scores[index] += boost * top
    ranked = [int(i) for i in np.argsort(-scores, kind="stable") if scores[i] > 0]
    # Best section of each page first, so one long page cannot crowd out the others; a page's
    # next section keeps its place when it scores nearly as well as that page's best.
    best: dict[str, float] = {}
    firsts: list[int] = []
    extras: list[int] = []
    for i in ranked:
        slug = base.passages[i].slug
        if slug not in best:
            best[slug] = float(scores[i])
            firsts.append(i)
        elif scores[i] >= SAME_PAGE_SHARE * best[slug]:
            firsts.append(i)
        else:
            extras.append(i)
    return [_hit(base.passages[i], float(scores[i]), terms) for i in (firsts + extras)[:limit]]


def docs_section(url: str) -> Passage | None:
    """The whole section a hit's URL points at (`/docs/<slug>#<anchor>`), for composing answers."""
    path, _, anchor = url.partition("#")
    slug = path.removeprefix("/docs/")
    return next((p for p in knowledge_base().passages if p.slug == slug and p.anchor == anchor), None)


def query_terms(text: str) -> set[str]:
    """The stems and names of `text` after synonyms: one term per word, for counting overlap."""
    return text_terms(expand_query(text))


def text_terms(text: str) -> set[str]:
    """The stems and names of a piece of text (no synonyms: those are for questions)."""
    words = [w for w in _tokenize(text) if w not in _names_in(text)]
    return set(_STEMMER.stemWords(words)) | set(_names_in(text))


def names_in(text: str) -> list[str]:
    """Option and API names `text` uses, lowercased (history.enabled, onclienttool, two_phase)."""
    return _names_in(text)


def expand_query(query: str) -> str:
    """The query plus the ChatKit terms its words stand for (see SYNONYMS)."""
    extra = [expansion for pattern, expansion in _SYNONYMS if pattern.search(query)]
    return " ".join([query, *extra])


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
    # The heading counts twice: it names what the section is about.
    corpus = [
        _tokenize(f"{p.title} {summaries[p.slug]} {p.heading} {p.heading} {p.text}") for p in passages
    ]
    retriever.index(corpus, show_progress=False)
    return KnowledgeBase({p.slug: p for p in pages}, html, tuple(passages), retriever, _name_index(passages))


def _name_index(passages: list[Passage]) -> dict[str, dict[int, float]]:
    names: dict[str, dict[int, float]] = {}
    for index, passage in enumerate(passages):
        spans = " ".join(_CODE_SPAN.findall(passage.text))
        for name in _names_in(spans):
            names.setdefault(name, {})[index] = _NAME_IN_TEXT_BOOST
        for name in _names_in(passage.heading):
            names.setdefault(name, {})[index] = _NAME_IN_HEADING_BOOST
    return names


def _names_in(text: str) -> list[str]:
    """Option and API names in `text`, lowercased (history.enabled, onclienttool, two_phase)."""
    return [match.lower() for match in _NAME.findall(text)]


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
    """Lowercase words minus stopwords, each with its stem when that differs; camelCase names also
    yield their parts (colorScheme: colorscheme, color, scheme); whole API names stay one token.

    Keeping the word beside its stem lets an exact word outrank a merely related one: the stemmer
    folds "locale" into "local", and a question about the locale should not land on local servers.
    """
    words: list[str] = []
    for word in _WORD.findall(text):
        parts = _CAMEL_PART.findall(word)
        candidates = [word, *parts] if len(parts) > 1 else [word]
        words.extend(c.lower() for c in candidates if c.lower() not in _STOPWORDS)
    stems = _STEMMER.stemWords(words)
    return [*stems, *(word for word, stem in zip(words, stems, strict=True) if word != stem), *_names_in(text)]


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
