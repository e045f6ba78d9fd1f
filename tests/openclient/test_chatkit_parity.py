"""<chatkit-open>'s ChatKit.js 1.9 surface in Debian Chromium against the fake backend.

One test per option, method or event that ChatKit.js 1.9 has and this client lacked: each
sets it through the harness (window.configure) and checks what a user sees or what reaches
the server. The fake backend (fake_server.py) is not the Django app.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.openclient.test_component_browser import RESPONSE_DONE, items, send

pytestmark = pytest.mark.browser

TOOLS = [
    {"id": "search_docs", "label": "Search docs", "shortLabel": "Docs", "icon": "search",
     "placeholderOverride": "Search the docs for…"},
    {"id": "think", "label": "Think harder", "shortLabel": "Think", "icon": "atom", "pinned": True, "persistent": True},
]


def events(page: Any, name: str) -> list[Any]:
    return page.evaluate("(n) => window.chatEvents.filter((e) => e.name === n).map((e) => e.detail)", name)


def sent_inputs(fake_backend: Any, since: int) -> list[dict[str, Any]]:
    return [r["params"]["input"] for r in fake_backend.requests()[since:]
            if r["type"] in {"threads.create", "threads.add_user_message"}]


def test_tools_menu_pinned_and_persistent_tools_placeholder_and_tool_change_events(open_harness: Any, fake_backend: Any) -> None:
    page = open_harness()
    page.evaluate("(tools) => window.configure({ composer: { tools } })", TOOLS)
    box = page.locator(".cko-input")
    expect(page.locator(".cko-pinned-tool", has_text="Think")).to_have_attribute("aria-pressed", "false")
    page.get_by_role("button", name="Tools").click()
    menu = page.get_by_role("menu", name="Tools")
    expect(menu.get_by_role("menuitemradio")).to_have_text(["Search docs"])  # the pinned tool is outside the menu
    menu.get_by_role("menuitemradio", name="Search docs").click()
    expect(menu).to_be_hidden()
    expect(page.locator(".cko-tool-chip")).to_contain_text("Docs")
    expect(box).to_have_attribute("placeholder", "Search the docs for…")
    since = len(fake_backend.requests())
    send(page, "first")
    expect(page.locator(".cko-tool-chip")).to_be_hidden()  # not persistent: cleared after sending
    expect(box).to_have_attribute("placeholder", "Ask the fake backend…")

    page.locator(".cko-pinned-tool", has_text="Think").click()
    send(page, "second")
    send(page, "third")
    expect(page.locator(".cko-pinned-tool", has_text="Think")).to_have_attribute("aria-pressed", "true")  # persistent
    choices = [i["inference_options"].get("tool_choice") for i in sent_inputs(fake_backend, since)]
    assert choices == [{"id": "search_docs"}, {"id": "think"}, {"id": "think"}]
    assert events(page, "chatkit.tool.change") == [{"toolId": "search_docs"}, {"toolId": None}, {"toolId": "think"}]


def test_set_composer_value_fills_text_tags_and_selects_a_tool(open_harness: Any, fake_backend: Any) -> None:
    page = open_harness()
    page.evaluate("(tools) => window.configure({ composer: { tools } })", TOOLS)
    since = len(fake_backend.requests())
    page.evaluate("""document.getElementById('chat').setComposerValue({
        content: [{ type: 'input_text', text: 'Tell me about' },
                  { type: 'input_tag', id: 'doc_threads', text: 'Threads', interactive: true, data: { slug: 'threads' } }],
        selectedToolId: 'search_docs' })""")
    expect(page.locator(".cko-input")).to_have_value("Tell me about")
    expect(page.locator(".cko-chips .cko-tag")).to_have_text("@Threads")
    expect(page.locator(".cko-tool-chip")).to_contain_text("Docs")
    assert events(page, "chatkit.tool.change") == [{"toolId": "search_docs"}]
    assert fake_backend.requests()[since:] == []  # setComposerValue sends nothing
    page.evaluate("document.getElementById('chat').setComposerValue({ selectedToolId: null, text: 'plain' })")
    expect(page.locator(".cko-tool-chip")).to_be_hidden()
    expect(page.locator(".cko-input")).to_have_value("plain")


def test_model_picker_sends_the_chosen_model(open_harness: Any, fake_backend: Any) -> None:
    page = open_harness()
    page.evaluate("""window.configure({ composer: { models: [
        { id: 'fast', label: 'Fast' },
        { id: 'smart', label: 'Smart', description: 'Slower, more careful', default: true },
        { id: 'retired', label: 'Retired', disabled: true }] } })""")
    picker = page.locator(".cko-model-button")
    expect(picker).to_have_text("Smart")
    since = len(fake_backend.requests())
    send(page, "with the default model")
    picker.click()
    menu = page.get_by_role("menu", name="Model")
    expect(menu.get_by_role("menuitemradio", name="Retired")).to_be_disabled()
    expect(menu.get_by_role("menuitemradio", name="Smart")).to_have_attribute("aria-checked", "true")
    menu.get_by_role("menuitemradio", name="Fast").click()
    expect(picker).to_have_text("Fast")
    send(page, "with the fast model")
    assert [i["inference_options"].get("model") for i in sent_inputs(fake_backend, since)] == ["smart", "fast"]


def test_dictation_records_transcribes_and_fills_the_composer(open_harness: Any, fake_backend: Any) -> None:
    page = open_harness()
    # A tone from WebAudio stands in for the microphone (a headless browser has none).
    page.evaluate("""navigator.mediaDevices.getUserMedia = async () => {
        const ctx = new AudioContext(); const osc = ctx.createOscillator(); const dest = ctx.createMediaStreamDestination();
        osc.connect(dest); osc.start(); return dest.stream; }""")
    page.evaluate("window.configure({ composer: { dictation: { enabled: true } } })")
    mic = page.get_by_role("button", name="Dictate")
    mic.click()
    stop = page.get_by_role("button", name="Stop dictation")
    expect(stop).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(600)
    stop.click()
    expect(page.locator(".cko-input")).to_have_value("dictated True", timeout=10_000)
    request = fake_backend.requests_of("input.transcribe")[-1]["params"]
    assert request["mime_type"].startswith("audio/") and len(request["audio_base64"]) > 100


def test_disclaimer_and_frame_title(open_harness: Any) -> None:
    page = open_harness()
    chat = page.locator("chatkit-open")
    expect(chat).to_have_attribute("aria-label", "Chat")  # ChatKit.js's default
    page.evaluate("""window.configure({ frameTitle: 'Support chat',
        disclaimer: { text: 'Answers may be wrong. [Policy](https://example.com/policy)', highContrast: true } })""")
    expect(chat).to_have_attribute("aria-label", "Support chat")
    disclaimer = page.locator(".cko-disclaimer")
    expect(disclaimer).to_contain_text("Answers may be wrong.")
    expect(disclaimer.get_by_role("link", name="Policy")).to_have_attribute("href", "https://example.com/policy")
    expect(disclaimer).to_have_class("cko-disclaimer cko-markdown cko-disclaimer--contrast")


def test_slash_commands_search_select_insert_an_entity_and_open_a_submenu(open_harness: Any) -> None:
    page = open_harness()
    page.evaluate("""window.configure({ commands: { enabled: true,
        onSearch: async (q) => [
          { id: 'mention', label: 'Mention the threads doc', description: 'inserts a tag', icon: 'book-open' },
          { id: 'more', label: 'More commands' },
          { id: 'ping', label: 'Ping' }].filter((c) => c.label.toLowerCase().includes(q.toLowerCase())),
        onSelect: async (c) => {
          window.selectedCommands = [...(window.selectedCommands ?? []), c.id];
          if (c.id === 'mention') return { type: 'entity', entity: { id: 'doc_threads', title: 'Threads', interactive: true } };
          if (c.id === 'more') return { type: 'menu', commands: [{ id: 'ping', label: 'Ping' }] };
        } } })""")
    box = page.locator(".cko-input")
    box.fill("/men")
    listbox = page.get_by_role("listbox", name="Commands")
    expect(listbox.get_by_role("option")).to_have_count(1)
    box.press("Enter")
    expect(page.locator(".cko-chips .cko-tag")).to_have_text("@Threads")
    expect(box).to_have_value("")
    box.fill("/more")
    listbox.get_by_role("option", name="More commands").click()
    expect(listbox.get_by_role("option")).to_have_text(["Ping"])
    listbox.get_by_role("option", name="Ping").click()
    expect(listbox).to_be_hidden()
    assert page.evaluate("window.selectedCommands") == ["mention", "more", "ping"]


def test_composer_tag_menu_button_starts_a_tag_search(open_harness: Any) -> None:
    page = open_harness()
    expect(page.get_by_role("button", name="Mention a tag")).to_be_hidden()
    page.evaluate("window.configure({ entities: { showComposerMenu: true } })")
    page.get_by_role("button", name="Mention a tag").click()
    expect(page.locator(".cko-input")).to_have_value("@")
    expect(page.get_by_role("listbox", name="Tag suggestions").get_by_role("option")).to_have_count(3)


def test_entity_preview_shows_the_widget_on_hover(open_harness: Any) -> None:
    page = open_harness()
    page.evaluate("""window.configure({ entities: { onRequestPreview: async (entity) => ({ preview: {
        type: 'Basic', children: [{ type: 'Title', value: 'Preview of ' + entity.title }] } }) } })""")
    page.evaluate("""document.getElementById('chat').setComposerValue({ content: [
        { type: 'input_text', text: 'About ' }, { type: 'input_tag', id: 'doc_threads', text: 'Threads', interactive: true }] })""")
    page.locator(".cko-input").press("Enter")
    page.wait_for_function(RESPONSE_DONE, arg=1, timeout=20_000)
    items(page, "user_message").locator(".cko-tag").hover()
    expect(page.get_by_role("tooltip")).to_contain_text("Preview of Threads")
    page.mouse.move(0, 0)
    expect(page.get_by_role("tooltip")).to_have_count(0)


def test_theme_levers_reach_the_element(open_harness: Any) -> None:
    page = open_harness()
    page.evaluate("""window.configure({ theme: { radius: 'pill', density: 'compact',
        typography: { baseSize: 18, fontFamily: 'Georgia, serif', fontFamilyMono: 'Courier New, monospace' },
        color: { accent: { primary: '#b91c1c', level: 3 }, surface: { background: '#fdf6e3', foreground: '#073642' } } } })""")
    style = page.evaluate("""() => { const el = document.querySelector('chatkit-open'); const root = el.shadowRoot;
        const s = (sel) => getComputedStyle(root.querySelector(sel));
        return { font: getComputedStyle(el).fontSize, family: getComputedStyle(el).fontFamily, bg: getComputedStyle(el).backgroundColor,
                 composer: s('.cko-composer-box').borderTopLeftRadius, gap: s('.cko-transcript').rowGap }; }""")
    assert style == {"font": "18px", "family": "Georgia, serif", "bg": "rgb(253, 246, 227)", "composer": "28px", "gap": "8px"}
    send(page, "hello")
    assert items(page, "user_message").locator(".cko-bubble").evaluate("(b) => getComputedStyle(b).backgroundColor") == "rgb(185, 28, 28)"
    page.evaluate("window.configure({ theme: { radius: 'sharp', density: 'spacious', color: { grayscale: { hue: 220, tint: 6, shade: 0 } } } })")
    style = page.evaluate("""() => { const el = document.querySelector('chatkit-open');
        return { composer: getComputedStyle(el.shadowRoot.querySelector('.cko-composer-box')).borderTopLeftRadius,
                 gap: getComputedStyle(el.shadowRoot.querySelector('.cko-transcript')).rowGap,
                 border: getComputedStyle(el.shadowRoot.querySelector('.cko-composer-box')).borderTopColor }; }""")
    assert style["composer"] == "3px" and style["gap"] == "22px"
    red, green, blue = (int(x) for x in style["border"].removeprefix("rgb(").rstrip(")").split(", "))
    assert blue > red, "a blue-hued grayscale tints the borders blue"


def test_non_streaming_action_uses_sync_custom_action_and_shows_the_updated_item(open_harness: Any, fake_backend: Any) -> None:
    page = open_harness()
    send(page, "table please")
    widget = items(page, "widget")
    expect(widget.locator("th")).to_have_text(["Item", "Count"])
    expect(widget.locator("td")).to_have_text(["Apples", "1"])
    starts = len(events(page, "chatkit.response.start"))
    widget.get_by_role("button", name="Add one").click()
    expect(widget.locator(".cko-widget")).to_have_attribute("aria-busy", "true")  # loadingBehavior: container
    expect(widget.locator("td").nth(1)).to_have_text("2")
    expect(widget.locator(".cko-widget")).not_to_have_attribute("aria-busy", "true")
    request = fake_backend.requests_of("threads.sync_custom_action")[-1]["params"]
    assert request["action"] == {"type": "counter.add", "payload": {"count": 1}}
    assert len(events(page, "chatkit.response.start")) == starts, "a non-streaming action opens no stream"


def test_outline_and_ghost_buttons_are_not_filled(open_harness: Any) -> None:
    page = open_harness()
    send(page, "table please")
    widget = items(page, "widget")
    background = "(b) => getComputedStyle(b).backgroundColor"
    assert widget.get_by_role("button", name="Add one").evaluate(background) == "rgba(0, 0, 0, 0)"
    assert widget.get_by_role("button", name="Details").evaluate(background) == "rgba(0, 0, 0, 0)"
    assert widget.get_by_role("button", name="Save").evaluate(background) == "rgb(15, 118, 110)"


def test_deeplink_fires_chatkit_deeplink_without_navigating(open_harness: Any) -> None:
    page = open_harness()
    send(page, "deeplink")
    url = page.url
    items(page, "assistant_message").get_by_role("link", name="your settings").click()
    assert events(page, "chatkit.deeplink") == [{"name": "open_settings", "data": {"tab": "profile"}}]
    assert page.url == url


def test_copy_on_user_messages(open_harness: Any) -> None:
    page = open_harness()
    page.evaluate("navigator.clipboard.writeText = async (text) => { window.copied = text; }")
    send(page, "copy me please")
    items(page, "user_message").get_by_role("button", name="Copy message").click()
    page.wait_for_function("window.copied === 'copy me please'")


def test_closed_thread_hides_the_composer(open_harness: Any) -> None:
    page = open_harness()
    send(page, "close this")
    expect(page.locator(".cko-composer")).to_be_hidden()
    expect(page.locator(".cko-closed-notice")).to_have_text("This conversation is closed. Resolved by support.")


def test_history_open_and_close_events(open_harness: Any) -> None:
    page = open_harness()
    page.get_by_role("button", name="Conversation history").click()
    page.get_by_role("button", name="Close history").click()
    names = page.evaluate("window.chatEvents.map((e) => e.name).filter((n) => n.startsWith('chatkit.history'))")
    assert names == ["chatkit.history.open", "chatkit.history.close"]


def test_feedback_state_comes_back_from_the_stored_feedback(open_harness: Any) -> None:
    page = open_harness()
    send(page, "rate this")
    items(page, "assistant_message").get_by_role("button", name="Good response").click()
    thread_id = page.evaluate("window.chatEvents.find((e) => e.name === 'chatkit.thread.change').detail.threadId")
    page.reload()
    page.wait_for_function("window.chatEvents?.some((e) => e.name === 'chatkit.ready')")
    page.evaluate("(id) => document.getElementById('chat').setThreadId(id)", thread_id)
    expect(items(page, "assistant_message").get_by_role("button", name="Good response")).to_have_attribute("aria-pressed", "true")
    expect(items(page, "assistant_message").get_by_role("button", name="Bad response")).to_have_attribute("aria-pressed", "false")


def test_auto_scroll_follows_a_streaming_answer_only_when_enabled(open_harness: Any) -> None:
    near_bottom = """() => { const t = document.querySelector('chatkit-open').shadowRoot.querySelector('.cko-transcript');
        return { overflow: t.scrollHeight > t.clientHeight + 40, atEnd: t.scrollHeight - t.scrollTop - t.clientHeight < 80 }; }"""
    page = open_harness(height=420)
    page.evaluate("window.configure({ thread: { autoScroll: true } })")
    send(page, "slow answer")
    assert page.evaluate(near_bottom) == {"overflow": True, "atEnd": True}
    page.get_by_role("button", name="New conversation").click()
    page.evaluate("window.configure({ thread: { autoScroll: false } })")
    send(page, "slow answer")
    assert page.evaluate(near_bottom) == {"overflow": True, "atEnd": False}


def test_at_360_px_the_text_box_keeps_the_width_of_the_composer(open_harness: Any) -> None:
    page = open_harness(width=360)
    page.evaluate("""(tools) => window.configure({ composer: { tools, dictation: { enabled: true },
        models: [{ id: 'fast', label: 'Fast' }] }, entities: { showComposerMenu: true } })""", TOOLS)
    widths = page.evaluate("""() => { const r = document.querySelector('chatkit-open').shadowRoot;
        const w = (s) => r.querySelector(s).getBoundingClientRect().width;
        return { input: w('.cko-input'), box: w('.cko-composer-box'), scroll: document.documentElement.scrollWidth }; }""")
    assert widths["input"] > widths["box"] - 30, widths  # tools sit on the row below, not beside the text
    assert widths["scroll"] <= 360, widths
