"""Composes the offline model's docs answers from the sections `search_docs` found.

The shape is fixed, because a rule-based model cannot judge more than this: one complete
sentence that answers the question, the section's relevant code block when it has one, then at
most two complete supporting sentences. Each sentence taken from a section is followed by that
section's citation, so markers read [1], [2] in order and the client lists the sources below.
No sentence is ever cut: a sentence that leans on the one before it ("It…", "Without it…") or
leads into a list ("…as follows:") is skipped, because out of context it reads as a fragment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from agents_app.knowledge import Passage, docs_section, names_in, query_terms, text_terms

MAX_CODE_LINES = 12
MAX_SUPPORTING = 2
_RANK_PENALTY = 0.75
_MIN_WORDS, _MAX_WORDS = 5, 70
_FENCE = re.compile(r"^(```|~~~)(\w*)\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
# A sentence ends at . ! or ? followed by a space and a capital, a backtick or an opening mark;
# "e.g." and "i.e." do not end one.
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<=[.!?])\s+(?=[A-Z`\"“(*])")
# Openings that refer back to the sentence before; alone they read as fragments.
_LEANS_BACK = re.compile(
    r"^(it|its|they|them|their|such|both|also|and|but|or|so|then|otherwise|however|instead|here|"
    r"without (it|them|this|that)|with (it|them|this|that)|for (it|that|this)|"
    r"(this|that|these|those)\s+(is|are|was|were|means?|lets?|makes?|keeps?|gives?|only|also|way|"
    r"covers?|does|works?|matters?|happens?|one|ones)\b)\b",
    re.I,
)
_POINTS_BACK = re.compile(r"^\S+\s+(then|also|too|instead)\b|"
    r"\b(after|before|like) (that|this|these|those)\b|\b(that|this|the same) way\b|\b(as above|see above|the former|the latter)\b", re.I)


@dataclass
class Composed:
    text: str
    citations: list[tuple[str, str, int]] = field(default_factory=list)  # (title, url, index)


@dataclass(frozen=True)
class _Section:
    passage: Passage
    url: str
    sentences: tuple[str, ...]
    code: tuple[str, ...]  # fenced blocks, fences included

    @property
    def source_title(self) -> str:
        p = self.passage
        return p.title if p.heading == p.title else f"{p.title}: {p.heading}"


def compose_answer(question: str, passages: list[dict[str, Any]]) -> Composed | None:
    """The answer to `question` from the tool's passages, or None when none of them answers it."""
    sections = [s for s in (_section(p) for p in passages) if s is not None]
    terms = _Terms(own=text_terms(question), related=query_terms(question))
    names = set(names_in(question))
    scored = [(_best_sentence(s, terms, names), rank, s) for rank, s in enumerate(sections)]
    usable = [(pick, rank, s) for pick, rank, s in scored if pick is not None]
    if not usable:
        return None
    # The best sentence of the sections found, trusting the search's order: a later section's
    # sentence must beat an earlier one's by more than its lower rank.
    (_, lead), _, first = max(usable, key=lambda u: (u[0][0] - _RANK_PENALTY * u[1], -u[1]))
    answer = Composed(text="")
    _add_sentence(answer, lead, first)
    code = _relevant_code(first, terms, names)
    if code:
        answer.text += "\n\n" + code
    supporting = _supporting(first, lead, terms, names)
    if supporting:
        answer.text += "\n\n"
        for index, sentence in enumerate(supporting):
            _add_sentence(answer, ("" if index == 0 else " ") + sentence, first)
    if len(supporting) < MAX_SUPPORTING:
        others = [(pick, s) for pick, _, s in usable if s.url != first.url]
        extra = others[0] if others else None
        # Another section adds a sentence only when it shares two of the question's own words.
        if extra and len((text_terms(extra[0][1]) - _EVERYWHERE) & terms.own) >= 2:
            answer.text += ("\n\n" if not supporting else " ")
            _add_sentence(answer, extra[0][1], extra[1])
    return answer


def _add_sentence(answer: Composed, sentence: str, section: _Section) -> None:
    answer.text += sentence
    citation = (section.source_title, section.url, len(answer.text))
    # One marker per section per paragraph is enough; repeating it after each sentence is noise.
    if not answer.citations or answer.citations[-1][1] != section.url or "\n\n" in answer.text[answer.citations[-1][2]:]:
        answer.citations.append(citation)
    else:
        answer.citations[-1] = citation


def _section(passage: dict[str, Any]) -> _Section | None:
    found = docs_section(str(passage.get("url", "")))
    if found is None:
        return None
    sentences: list[str] = []
    code: list[str] = []
    paragraph: list[str] = []
    fence: list[str] | None = None

    prose_last = False  # the last block was a paragraph (not a list, table or code)

    def flush() -> None:
        nonlocal prose_last
        if paragraph:
            sentences.extend(_sentences(" ".join(paragraph)))
            paragraph.clear()
            prose_last = True

    for line in found.text.splitlines():
        if fence is not None:
            fence.append(line)
            if _FENCE.match(line.strip()):
                code.append("\n".join(fence))
                fence = None
            continue
        if _FENCE.match(line.strip()):
            flush()
            if prose_last and sentences and sentences[-1].endswith(":"):
                # "...for example:" introducing a code block stands alone as "...for example."
                sentences[-1] = sentences[-1][:-1].rstrip() + "."
            fence = [line.strip()]
            prose_last = False
        elif not line.strip():
            flush()
        elif line.lstrip().startswith(("|", ">")):
            flush()  # table rows and quotes are not sentences
            prose_last = False
        elif _LIST_ITEM.match(line):
            flush()  # each list item is read on its own; "`name`: what it is" items are skipped later
            paragraph.append(_LIST_ITEM.sub("", line).strip())
        elif paragraph or not line.startswith("  "):
            paragraph.append(line.strip())
    flush()
    return _Section(found, str(passage["url"]), tuple(sentences), tuple(code))


def _sentences(paragraph: str) -> list[str]:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", paragraph)  # links keep their label
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def is_complete_sentence(sentence: str) -> bool:
    """Starts like a sentence, ends like one, stands on its own and is neither a stub nor a wall."""
    words = sentence.split()
    if not (_MIN_WORDS <= len(words) <= _MAX_WORDS):
        return False
    if not re.match(r"[A-Z`\"“*(]", sentence) or not re.search(r"[.!?][\"”)*]?$", sentence):
        return False
    if sentence.count("`") % 2 or sentence.count("**") % 2:
        return False
    if re.match(r"^(?:(?:`[^`]+`|\*\*[^*]+\*\*)[\s,]*(?:and|or)?\s*)+[:(—-]", sentence):
        return False  # a definition-list line ("`widget`: a rendered tree…"), not a sentence
    return not _LEANS_BACK.match(sentence.lstrip("*`\"“(")) and not _POINTS_BACK.search(sentence)


@dataclass(frozen=True)
class _Terms:
    own: set[str]  # the question's own words
    related: set[str]  # with the synonyms' ChatKit terms


# Every page is about ChatKit: sharing that word says nothing about relevance.
_EVERYWHERE = frozenset({"chatkit", "chat", "kit"})
# Verbs every question uses ("how do I make…"); they match any sentence equally badly.
_WEAK = frozenset({"make", "get", "need", "want", "let", "like", "way", "thing", "someth", "anyth"})


def _score(sentence: str, terms: _Terms, names: set[str]) -> float:
    # ...unless the question has no other word ("What is ChatKit?").
    found = text_terms(sentence) - _WEAK - (_EVERYWHERE if terms.own - _EVERYWHERE else frozenset())
    named = sum(3 for name in names if name in sentence.lower())
    return len(found & terms.own) + 0.5 * len((found & terms.related) - terms.own) + named


def _best_sentence(section: _Section, terms: _Terms, names: set[str]) -> tuple[float, str] | None:
    best: tuple[float, str] | None = None
    for position, sentence in enumerate(section.sentences):
        if not is_complete_sentence(sentence):
            continue
        score = _score(sentence, terms, names)
        if score and position == 0:
            score += 0.5  # a section's opening sentence usually states what it is about
        if score >= 0.5 and (best is None or score > best[0]):
            best = (score, sentence)
    return best


def _relevant_code(section: _Section, terms: _Terms, names: set[str]) -> str | None:
    blocks = [b for b in section.code if len(b.splitlines()) <= MAX_CODE_LINES + 2]
    if not blocks:
        return None
    ranked = sorted(blocks, key=lambda b: -_score(b, terms, names))
    best = ranked[0]
    return best if _score(best, terms, names) >= 1 or len(section.code) == 1 else None


def _supporting(section: _Section, lead: str, terms: _Terms, names: set[str]) -> list[str]:
    candidates = [
        (position, sentence) for position, sentence in enumerate(section.sentences)
        if sentence != lead and is_complete_sentence(sentence) and _score(sentence, terms, names) >= 1
    ]
    candidates.sort(key=lambda pair: -_score(pair[1], terms, names))
    chosen = sorted(candidates[:MAX_SUPPORTING])
    return [sentence for _, sentence in chosen]
