"""Recall@3 of the right docs section, as a table: `python -m tests.agents_app.retrieval_report`.

Shared by the test that holds the committed set to its floor and by the report of the held-out
set, which is printed and never asserted.
"""
from __future__ import annotations

import sys

from agents_app.knowledge import docs_search
from tests.agents_app.retrieval_cases import HELD_OUT, RETRIEVAL_CASES, expected_sections


def recall_at_3(cases: list[tuple[str, str]]) -> tuple[float, float, str]:
    """(section recall@3, page recall@3, table) for `cases`."""
    rows, section_hits, page_hits = [], 0, 0
    for question, key in cases:
        slug, anchors = expected_sections(key)
        hits = docs_search(question, limit=3)
        section = any(hit.slug == slug and hit.anchor in anchors for hit in hits)
        page = any(hit.slug == slug for hit in hits)
        section_hits += section
        page_hits += page
        got = ", ".join(f"{hit.slug}#{hit.anchor}" for hit in hits)
        rows.append(f"{'yes' if section else ('page' if page else 'NO')!s:4}  {key[:48]:48}  {got[:110]:110}  {question}")
    total = len(cases)
    rate, page_rate = section_hits / total, page_hits / total
    footer = f"section recall@3: {section_hits}/{total} = {rate:.2f}; page recall@3: {page_hits}/{total} = {page_rate:.2f}"
    return rate, page_rate, "\n".join([*rows, footer])


def main() -> None:
    for name, cases in (("committed", RETRIEVAL_CASES), ("held-out", HELD_OUT)):
        table = recall_at_3(cases)[2]
        print(f"== {name} ==\n{table if '-v' in sys.argv else table.splitlines()[-1]}\n")


if __name__ == "__main__":
    main()
