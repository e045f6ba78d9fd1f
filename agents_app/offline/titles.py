"""Offline titles: the first clause of the message, a few words, capitalised."""
from __future__ import annotations

import re

# The title agent's instructions start with this; it is how the offline model knows the job.
TITLE_MARKER = "Write a short title"
_FILLER = re.compile(r"^(hi|hello|hey|please|can you|could you|i want to|i'd like to|tell me)\b[\s,!]*", re.I)


def offline_title(message: str) -> str:
    text = message.strip()
    while True:  # peel greetings and politeness off the front, however many there are
        trimmed = _FILLER.sub("", text).strip()
        if trimmed == text:
            break
        text = trimmed
    clause = re.split(r"[.?!\n;:]", text, maxsplit=1)[0].strip() or message.strip()
    words = clause.split()[:7]
    title = " ".join(words).rstrip(",")
    return title[:1].upper() + title[1:] if title else "New conversation"
