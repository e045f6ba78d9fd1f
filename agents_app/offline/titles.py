"""Offline titles: the first clause of the message, at most six words, capitalised."""
from __future__ import annotations

import re

# The title agent's instructions start with this; it is how the offline model knows the job.
TITLE_MARKER = "Write a short title"
MAX_WORDS = 6
_FILLER = re.compile(r"^(hi|hello|hey|please|can you|could you|i want to|i'd like to|tell me)\b[\s,!]*", re.I)
# A cut after six words can leave a dangling "... in the" or "... and"; such tails read as broken.
_DANGLING = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "to", "for", "with", "by", "at", "from", "between", "about", "is", "are"}


def is_title_request(instructions: str | None) -> bool:
    return (instructions or "").startswith(TITLE_MARKER)


def offline_title(message: str) -> str:
    text = message.strip()
    while True:  # peel greetings and politeness off the front, however many there are
        trimmed = _FILLER.sub("", text).strip()
        if trimmed == text:
            break
        text = trimmed
    clause = re.split(r"[.?!\n;:]", text, maxsplit=1)[0].strip() or message.strip()
    words = [word.strip(",") for word in clause.split()[:MAX_WORDS]]
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()
    title = " ".join(word for word in words if word)
    if not re.search(r"\w", title):  # nothing but punctuation or emoji: nothing to name it by
        return "New conversation"
    return title[:1].upper() + title[1:]
