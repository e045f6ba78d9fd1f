"""<chatkit-open> in Debian Chromium against the fake backend (fake_server.py).

Selectors reach into the element's open shadow root (Playwright CSS pierces it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

RESPONSE_DONE = """(n) => {
  const ev = window.chatEvents.map((e) => e.name);
  return ev.filter((x) => x === 'chatkit.response.end').length >= n
      && ev.filter((x) => x === 'chatkit.response.start').length === ev.filter((x) => x === 'chatkit.response.end').length;
}"""

# Record every distinct text of the last matching element while a response streams.
WATCH_TEXT = """(selector) => {
  window.seenTexts = [];
  const root = document.querySelector('chatkit-open').shadowRoot;
  new MutationObserver(() => {
    const els = root.querySelectorAll(selector);
    const text = els.length ? els[els.length - 1].textContent : null;
    if (text && window.seenTexts.at(-1) !== text) window.seenTexts.push(text);
  }).observe(root, { subtree: true, childList: true, characterData: true });
}"""


def send(page: Any, text: str, responses: int | None = None) -> None:
    """Type into the composer, press Enter, and wait for the response(s) to finish."""
    done = page.evaluate("window.chatEvents.filter((e) => e.name === 'chatkit.response.end').length")
    page.locator(".cko-input").fill(text)
    page.locator(".cko-input").press("Enter")
    page.wait_for_function(RESPONSE_DONE, arg=done + (responses or 1), timeout=20_000)


def items(page: Any, kind: str) -> Any:
    return page.locator(f'[data-item-type="{kind}"]')


def test_start_screen_prompt_streams_a_cited_markdown_answer(open_harness: Any, fake_backend: Any) -> None:
    page = open_harness()
    expect(page.locator(".cko-greeting")).to_have_text("Hello from the open client")
    expect(page.locator(".cko-prompt")).to_have_count(3)
    page.evaluate(WATCH_TEXT, ".cko-item--assistant_message .cko-markdown")
    page.locator(".cko-prompt", has_text="Cite the docs").click()
    expect(page.locator(".cko-progress")).to_contain_text("Searching the docs")
    page.wait_for_function(RESPONSE_DONE, arg=1, timeout=20_000)

    assert len(page.evaluate("window.seenTexts")) > 5, "the answer should appear piece by piece"
    answer = items(page, "assistant_message")
    expect(answer.locator("h2")).to_have_text("Threads and items")
    expect(answer.locator("strong").first).to_have_text("thread")
    expect(answer.locator("sup.cko-cite")).to_have_text(["[1]", "[2]"])
    expect(answer.locator("sup.cko-cite a")).to_have_attribute("href", "https://example.com/docs/threads")
    expect(answer.locator(".cko-sources li")).to_have_text(["[1] Threads guide", "[2] events.md"])
    assert page.evaluate("window.__xss") is None
    assert answer.locator("script").count() == 0
    assert answer.get_by_text("A bad link").get_attribute("href") is None
    expect(page.locator(".cko-progress")).to_be_hidden()
    expect(page.locator(".cko-title")).to_have_text("what is a thread?")

    changes = page.evaluate("window.chatEvents.filter((e) => e.name === 'chatkit.thread.change')")
    assert changes[0]["detail"]["threadId"].startswith("thr_")
    calls = page.evaluate("window.fetchCalls")
    assert calls >= 1 and len(fake_backend.requests_of("threads.create")) >= 1


def test_widget_components_stream_and_update(open_harness: Any) -> None:
    page = open_harness()
    page.evaluate(WATCH_TEXT, '[data-component-id="body"]')
    send(page, "show me a widget")
    card = items(page, "widget").first
    expect(card.locator('[data-component-id="body"]')).to_have_text("Hi team, the open client now streams widget text.")
    assert len(page.evaluate("window.seenTexts")) >= 3, "widget text should stream in"
    expect(card.locator(".cko-w-Title")).to_have_text("Email draft")
    expect(card.locator(".cko-w-Caption")).to_have_text("To: team@example.com")
    expect(card.locator(".cko-w-Badge")).to_have_text("Ready")  # widget.component.updated
    expect(card.locator(".cko-w-Markdown strong")).to_have_text("ChatKit")
    expect(card.get_by_role("img", name="Blue banner")).to_be_visible()
    for kind in ["Card", "Row", "Col", "Box", "Icon", "Divider", "Spacer", "Form", "Input", "Textarea", "Select", "Checkbox", "Button"]:
        assert card.locator(f".cko-w-{kind}").count() >= 1, kind
    listing = items(page, "widget").nth(1)
    expect(listing.locator(".cko-w-ListViewItem")).to_have_text(["Threads", "Widgets", "Actions"])


def test_widget_actions_reach_server_and_client(open_harness: Any, fake_backend: Any) -> None:
    page = open_harness()
    send(page, "show me a widget")
    card = items(page, "widget").first
    since = len(fake_backend.requests())

    card.get_by_role("textbox", name="Subject").fill("Launch notes")
    card.get_by_role("checkbox", name="Urgent").check()
    card.get_by_role("combobox").select_option("high")
    card.get_by_role("button", name="Save draft").click()
    page.wait_for_function(RESPONSE_DONE, arg=2)
    action = fake_backend.requests_of("threads.custom_action", since)[0]["params"]
    assert action["item_id"] == card.get_attribute("data-item-id")
    assert action["action"] == {"type": "form.save", "payload": {
        "draft_id": "draft_1", "subject": "Launch notes", "notes": "", "priority": "high", "urgent": True}}
    expect(items(page, "assistant_message").last).to_contain_text("Action form.save received")

    card.get_by_role("button", name="Discard").click()  # handler: "client"
    page.wait_for_function("window.clientActions.length === 1")
    client = page.evaluate("window.clientActions[0]")
    assert client["action"] == {"type": "email.discard", "payload": {"draft_id": "draft_1"}}
    assert len(fake_backend.requests_of("threads.custom_action", since)) == 1

    card.get_by_role("button", name="Send").click()
    page.wait_for_function(RESPONSE_DONE, arg=3)
    expect(items(page, "widget").first.locator(".cko-w-Title")).to_have_text("Email sent")  # widget.root.updated

    items(page, "widget").nth(1).get_by_role("button", name="Widgets").click()
    page.wait_for_function(RESPONSE_DONE, arg=4)
    assert fake_backend.requests_of("threads.custom_action", since)[-1]["params"]["action"] == {
        "type": "doc.open", "payload": {"slug": "widgets"}}


def test_workflow_shows_every_task_type_and_collapses_to_its_summary(open_harness: Any) -> None:
    page = open_harness()
    send(page, "run a workflow")
    workflow = items(page, "workflow")
    summary = workflow.locator("summary")
    expect(summary).to_have_text("Worked for 4s")
    expect(workflow.locator("details")).not_to_have_attribute("open", "")
    summary.click()
    tasks = workflow.locator(".cko-task")
    expect(tasks).to_have_count(5)
    assert [t.get_attribute("data-task-type") for t in tasks.all()] == ["thought", "web_search", "file", "image", "custom"]
    expect(tasks.nth(0)).to_contain_text("The user asks about workflows.")
    expect(tasks.nth(1).get_by_role("link", name="Workflow docs")).to_have_attribute("href", "https://example.com/workflows")
    expect(tasks.nth(2)).to_contain_text("guide.md")
    expect(tasks.nth(4)).to_contain_text("Checked 3 examples")
    expect(workflow.get_by_role("img", name="Done")).to_have_count(5)


def test_client_tool_runs_in_the_page_and_its_result_goes_back(open_harness: Any, fake_backend: Any) -> None:
    page = open_harness()
    since = len(fake_backend.requests())
    send(page, "use the tool", responses=2)
    expect(page.locator("chatkit-open")).to_have_attribute("data-color-scheme", "dark")
    output = fake_backend.requests_of("threads.add_client_tool_output", since)
    assert output[0]["params"]["result"] == {"success": True, "theme": "dark"}
    expect(items(page, "client_tool_call")).to_contain_text("Used switch_theme")
    expect(items(page, "assistant_message").last).to_contain_text('"theme": "dark"')


def test_locked_thread_shows_reason_and_disables_composer(open_harness: Any) -> None:
    page = open_harness()
    send(page, "please lock it")
    expect(page.locator(".cko-composer-notice")).to_have_text("This conversation is locked. Under review by a moderator.")
    expect(page.locator(".cko-input")).to_be_disabled()
    expect(page.get_by_role("button", name="Send message")).to_be_disabled()


def test_unknown_item_and_component_render_placeholders(open_harness: Any) -> None:
    page = open_harness()
    send(page, "show unknown things")
    expect(items(page, "mystery_item")).to_contain_text("cannot display “mystery_item” items")
    widget = items(page, "widget")
    expect(widget).to_contain_text("Before the unknown component")
    expect(widget.locator(".cko-unknown")).to_contain_text("Sparkline")


def test_error_and_notice_events_show_inline(open_harness: Any) -> None:
    page = open_harness()
    send(page, "notice please")
    notice = page.locator(".cko-notice--warning")
    expect(notice).to_contain_text("Heads up")
    expect(notice.locator("strong")).to_have_text("3 messages")
    send(page, "cause an error")
    alert = page.locator(".cko-error")
    expect(alert).to_contain_text("The model is unavailable right now.")
    expect(alert.get_by_role("button", name="Try again")).to_be_visible()
    errors = page.evaluate("window.chatEvents.filter((e) => e.name === 'chatkit.error')")
    assert errors[-1]["detail"]["error"] == "The model is unavailable right now."


def test_feedback_and_retry(open_harness: Any, fake_backend: Any) -> None:
    page = open_harness()
    send(page, "hello there")
    since = len(fake_backend.requests())
    answer = items(page, "assistant_message")
    answer.get_by_role("button", name="Good response").click()
    expect(answer.get_by_role("button", name="Good response")).to_have_attribute("aria-pressed", "true")
    feedback = fake_backend.requests_of("items.feedback", since)[0]["params"]
    assert feedback["kind"] == "positive" and feedback["item_ids"] == [answer.get_attribute("data-item-id")]

    user_id = items(page, "user_message").get_attribute("data-item-id")
    old_answer_id = answer.get_attribute("data-item-id")
    answer.get_by_role("button", name="Retry response").click()
    page.wait_for_function(RESPONSE_DONE, arg=2)
    assert fake_backend.requests_of("threads.retry_after_item", since)[0]["params"]["item_id"] == user_id
    expect(items(page, "assistant_message")).to_have_count(1)
    assert items(page, "assistant_message").get_attribute("data-item-id") != old_answer_id


def test_stop_button_cancels_a_stream(open_harness: Any) -> None:
    page = open_harness()
    page.locator(".cko-input").fill("a slow answer please")
    page.locator(".cko-input").press("Enter")
    stop = page.get_by_role("button", name="Stop response")
    expect(stop).to_be_visible()
    expect(items(page, "assistant_message")).to_be_visible()
    stop.click()
    expect(page.locator(".cko-stopped")).to_have_text("Response stopped.")
    expect(stop).to_be_hidden()
    expect(page.locator(".cko-input")).to_be_enabled()


def test_keyboard_composer_and_tag_search(open_harness: Any, fake_backend: Any) -> None:
    page = open_harness()
    box = page.locator(".cko-input")
    box.press_sequentially("first line")
    box.press("Shift+Enter")
    box.press_sequentially("second line @wid")
    expect(page.get_by_role("listbox", name="Tag suggestions").get_by_role("option")).to_have_text(["Widgets Docs"])
    box.press("Enter")  # picks the suggestion, does not send
    expect(page.locator(".cko-chips .cko-tag")).to_contain_text("@Widgets")
    assert page.evaluate("window.chatEvents.filter((e) => e.name === 'chatkit.response.start').length") == 0
    since = len(fake_backend.requests())
    box.press("Enter")
    page.wait_for_function(RESPONSE_DONE, arg=1)
    content = fake_backend.requests_of("threads.create", since)[0]["params"]["input"]["content"]
    assert content[0] == {"type": "input_text", "text": "first line\nsecond line"}
    assert content[1]["type"] == "input_tag" and content[1]["id"] == "doc_widgets"
    expect(items(page, "user_message").locator(".cko-tag")).to_have_text("@Widgets")


def test_history_switch_rename_and_delete(open_harness: Any) -> None:
    page = open_harness()
    send(page, "first conversation")
    first_id = page.evaluate("window.chatEvents.find((e) => e.name === 'chatkit.thread.change').detail.threadId")
    page.get_by_role("button", name="New conversation").click()
    expect(page.locator(".cko-greeting")).to_be_visible()
    send(page, "second conversation")

    page.get_by_role("button", name="Conversation history").click()
    row = page.locator(f'[data-thread-id="{first_id}"]')
    expect(row).to_contain_text("first conversation")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    row.get_by_role("button", name="Rename first conversation").click()
    title_box = row.get_by_role("textbox", name="Conversation title")
    expect(title_box).to_be_focused()
    title_box.fill("Renamed thread")
    title_box.press("Enter")
    expect(row.locator(".cko-history-title")).to_have_text("Renamed thread")

    row.locator(".cko-history-open").click()
    expect(items(page, "user_message")).to_have_text("first conversation")
    expect(page.locator(".cko-title")).to_have_text("Renamed thread")

    page.get_by_role("button", name="Conversation history").click()
    row.get_by_role("button", name="Delete Renamed thread").click()
    row.get_by_role("button", name="Cancel").click()  # a second thought keeps it
    expect(row.locator(".cko-history-title")).to_have_text("Renamed thread")
    row.get_by_role("button", name="Delete Renamed thread").click()
    expect(row).to_contain_text("Delete “Renamed thread”?")
    row.get_by_role("button", name="Delete", exact=True).click()
    expect(row).to_have_count(0)
    assert dialogs == [], "rename and delete must not use window.prompt/confirm"
    page.get_by_role("button", name="Close history").click()
    expect(page.locator(".cko-greeting")).to_be_visible()


def test_attachments_direct_and_two_phase(open_harness: Any, fake_backend: Any, tmp_path: Path) -> None:
    png = tmp_path / "dot.png"
    png.write_bytes(bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                                  "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"))
    refused = tmp_path / "refused.txt"
    refused.write_text("REJECT me")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    for query in ["", "?upload=two_phase"]:
        page = open_harness(query)
        file_input = page.locator('.cko-composer input[type="file"]')
        file_input.set_input_files(str(big))
        expect(page.locator(".cko-composer-error")).to_contain_text("big.txt is larger than 1 MB")
        file_input.set_input_files(str(refused))
        expect(page.locator(".cko-composer-error")).to_contain_text("This file was refused by policy.")
        file_input.set_input_files(str(png))
        expect(page.locator(".cko-chips .cko-file--ready")).to_contain_text("dot.png")
        since = len(fake_backend.requests())
        send(page, "here is a picture")
        sent = fake_backend.requests_of("threads.create", since)[0]["params"]["input"]
        assert len(sent["attachments"]) == 1
        expect(items(page, "user_message").get_by_role("img", name="dot.png")).to_be_visible()
    assert fake_backend.requests_of("attachments.create"), "two_phase must register the attachment first"


def test_set_thread_id_and_fetch_updates(open_harness: Any, fake_backend: Any) -> None:
    page = open_harness()
    send(page, "remember me")
    thread_id = page.evaluate("window.chatEvents.find((e) => e.name === 'chatkit.thread.change').detail.threadId")
    page.evaluate("document.querySelector('chatkit-open').setThreadId(null)")
    expect(page.locator(".cko-greeting")).to_be_visible()
    page.evaluate("(id) => document.querySelector('chatkit-open').setThreadId(id)", thread_id)
    expect(items(page, "user_message")).to_have_text("remember me")
    since = len(fake_backend.requests())
    page.evaluate("document.querySelector('chatkit-open').fetchUpdates()")
    page.wait_for_function("1")
    expect(items(page, "assistant_message")).to_have_count(1)
    kinds = [r["type"] for r in fake_backend.requests()[since:]]
    assert "threads.get_by_id" in kinds and "items.list" in kinds
    page.evaluate("document.querySelector('chatkit-open').sendUserMessage({ text: 'sent by the page' })")
    page.wait_for_function(RESPONSE_DONE, arg=2)
    expect(items(page, "user_message").last).to_have_text("sent by the page")


def test_narrow_screen_has_no_horizontal_overflow(open_harness: Any, artifacts_dir: Path) -> None:
    page = open_harness(width=360, height=740)
    send(page, "show me a widget")
    overflow = page.evaluate("""() => {
      const root = document.querySelector('chatkit-open').shadowRoot;
      const t = root.querySelector('.cko-transcript');
      return { doc: document.documentElement.scrollWidth, transcript: t.scrollWidth - t.clientWidth };
    }""")
    assert overflow["doc"] <= 360 and overflow["transcript"] <= 0, overflow
    page.screenshot(path=str(artifacts_dir / "openclient-360px.png"))


def test_light_and_dark_theme_screenshots(open_harness: Any, artifacts_dir: Path) -> None:
    page = open_harness(height=1900)
    send(page, "what is a thread?")
    send(page, "show me a widget")
    send(page, "run a workflow")
    items(page, "workflow").locator("summary").click()
    element = page.locator("chatkit-open")
    expect(element).to_have_attribute("data-color-scheme", "light")
    send_bg = page.get_by_role("button", name="Send message").evaluate("(b) => getComputedStyle(b).backgroundColor")
    assert send_bg == "rgb(15, 118, 110)", "accent colour from theme.color.accent.primary"
    light_bg = element.evaluate("(e) => getComputedStyle(e).backgroundColor")
    page.screenshot(path=str(artifacts_dir / "openclient-light.png"))

    page.get_by_role("button", name="Toggle theme").click()
    expect(element).to_have_attribute("data-color-scheme", "dark")
    dark_bg = element.evaluate("(e) => getComputedStyle(e).backgroundColor")
    assert dark_bg != light_bg and luminance(dark_bg) < 60 < luminance(light_bg)
    assert element.evaluate("(e) => getComputedStyle(e).colorScheme") == "dark"
    page.screenshot(path=str(artifacts_dir / "openclient-dark.png"))


def luminance(rgb: str) -> float:
    r, g, b = (float(v) for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])
    return 0.299 * r + 0.587 * g + 0.114 * b
