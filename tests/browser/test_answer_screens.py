"""Ten of the guide's answers as a user reads them in the chat page, on the offline model.

Each is asked in a new thread of the open client on a real daphne. The test checks what a reader
would: the answer names what was asked for (`French` -> `locale: "fr"`), explains a demo rather
than running it when asked to explain, builds the card the words describe, acts on the current
theme, reads the attached file; and it shows no markdown scaffolding. Each answer is saved as
tests/artifacts/answer-NN-*.png for a person to read.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, save_shot, wait_until_answered

pytestmark = [pytest.mark.browser, pytest.mark.integration]

# (screenshot name, question, what the answer's text must hold, what it must not)
DOCS_QUESTIONS: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ("french", "Can I force the UI to French?", ('locale: "fr"',), ()),
    ("hide-history", "How can I hide the thread history?", ("history: { enabled: false }",), ("moderator",)),
    ("token-refresh", "What does token refresh look like for a hosted integration?", ("getClientSecret", "expire"), ("CSRF",)),
    ("two-phase", "What is the two_phase upload strategy?", ("two steps", "attachments.create"), ()),
    ("slow-tool-explained", "How do I show progress while a slow server tool runs?",
     ("ProgressUpdateEvent", "Want me to run it?"), ("Done. The tool reported",)),
    ("explain-demo", "Explain the sample widget demo", ("Want me to run it?",), ("To: team@example.com",)),
]
SCAFFOLDING = ("_(From", "docs passages that match", "[2][1]", "[3][2]")


def chat_text(page: Any) -> str:
    return page.locator("chatkit-open").evaluate("el => el.shadowRoot.querySelector('.cko-transcript').innerText")


def ask(page: Any, question: str) -> str:
    """Send `question` in the open thread and return the text of the answer to it."""
    started = page.locator("chatkit-open").evaluate("el => el.streamsStarted ?? 0")
    page.locator(".cko-input").fill(question)
    page.locator(".cko-input").press("Enter")
    wait_until_answered(page, answers=started + 1)
    answer = chat_text(page).rsplit(question, 1)[-1]
    assert not any(mark in answer for mark in SCAFFOLDING), answer
    return answer


def new_chat(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/")
    expect(page.locator(".cko-input")).to_be_visible()


@pytest.fixture
def reader_page(browser: Any, live_app: Any, open_client_server: Any) -> Any:
    live_app.app_env.create_user("reader", live_app.password)  # threads of its own, seen by no other test
    page = browser.new_context(viewport={"width": 1000, "height": 1100}).new_page()
    log_in(page, open_client_server.url, "reader", live_app.password)
    yield page
    page.context.close()


def test_ten_everyday_answers_read_as_answers_in_the_chat_page(reader_page: Any, open_client_server: Any, tmp_path: Path) -> None:
    page, base = reader_page, open_client_server.url
    shots = iter(range(1, 11))

    for name, question, holds, lacks in DOCS_QUESTIONS:
        new_chat(page, base)
        answer = ask(page, question)
        assert all(part in answer for part in holds) and not any(part in answer for part in lacks), (question, answer)
        assert "\n[1] " in answer, (question, answer)  # a readable sources list under the answer
        # An explanation runs nothing: no demo's widget buttons in the thread ("explain the demo" too).
        assert page.locator(".cko-w-button").count() == 0, question
        save_shot(page, f"answer-{next(shots):02}-{name}")

    new_chat(page, base)
    answer = ask(page, "Show me a sample widget with an email draft")
    expect(page.locator(".cko-w-button", has_text="Shorter")).to_be_visible()
    assert "Shorter" in answer and "in place" in answer, answer
    save_shot(page, f"answer-{next(shots):02}-email-draft")

    new_chat(page, base)
    answer = ask(page, "Build me a widget that shows a weather forecast card")
    assert "Weather forecast" in answer and "release checklist" not in answer.lower(), answer
    save_shot(page, f"answer-{next(shots):02}-weather-card")

    new_chat(page, base)
    scheme = "document.documentElement.dataset.colorScheme"
    ask(page, "Switch to the dark theme")
    page.wait_for_function(f"{scheme} === 'dark'")
    answer = ask(page, "Switch the theme back")
    page.wait_for_function(f"{scheme} === 'light'")
    assert "light" in answer.lower(), answer
    save_shot(page, f"answer-{next(shots):02}-theme-back")

    new_chat(page, base)
    notes = tmp_path / "notes.txt"
    notes.write_text("Launch checklist. The code word for the launch is pelican. Ship on Friday.\n")
    page.locator('.cko-composer input[type="file"]').set_input_files(str(notes))
    expect(page.locator(".cko-chips .cko-file--ready")).to_contain_text("notes.txt")
    answer = ask(page, "What is the code word in the attached file?")
    assert "pelican" in answer and "notes.txt" in answer, answer
    save_shot(page, f"answer-{next(shots):02}-attached-file")
