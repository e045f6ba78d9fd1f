// The chat page: picks the client (official ChatKit.js, the open client, or official with a
// fallback), hands it the options, and keeps the URL, theme, live updates and error banner in
// step with it.
import { showBanner, showErrorBanner, hideBanner } from "./banner.js";
import { buildOptions, themeFor } from "./options.js";
import { clientToolHandler, widgetActionHandler } from "./client-tools.js";
import { onSystemSchemeChange, preferredScheme, showScheme } from "./theme.js";

const data = JSON.parse(document.getElementById("chat-page-data").textContent);
const root = document.querySelector("[data-chat-root]");
const LIVE_GRACE_MS = 5000; // a socket that is back within this long never bothers the user
const OFFICIAL_TIMEOUT_MS = 20000; // CHATKIT_CLIENT=official: a slow CDN, but not forever

function loadOfficialScript(timeoutMs) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = data.scriptUrl;
    script.async = true;
    const timer = setTimeout(() => reject(new Error("ChatKit.js did not load in time")), timeoutMs);
    script.onerror = () => { clearTimeout(timer); reject(new Error("ChatKit.js could not be loaded")); };
    document.head.append(script);
    customElements.whenDefined("openai-chatkit").then(() => { clearTimeout(timer); resolve("openai-chatkit"); });
  });
}

async function loadOpenClient() {
  await import(data.openClientUrl);
  return "chatkit-open";
}

async function chooseClient() {
  if (data.client === "open") return loadOpenClient();
  if (data.client === "auto" && data.domainKeyMissing) {
    // ChatKit.js would load and then refuse this domain: go straight to the open client.
    showBanner("Using the built-in open client: ChatKit.js needs a domain key for this site (CHATKIT_DOMAIN_KEY).", { kind: "fallback" });
    return loadOpenClient();
  }
  if (data.client === "official") {
    try {
      return await loadOfficialScript(OFFICIAL_TIMEOUT_MS);
    } catch (error) {
      // Forced official with no CDN: say what to change rather than leave a dead page.
      throw new Error(`${error.message}. To use the built-in open client instead, set CHATKIT_CLIENT=open (or auto) and restart the server`);
    }
  }
  try {
    return await loadOfficialScript(data.fallbackMs);
  } catch (error) {
    console.warn("Falling back to the open client:", error.message);
    showBanner("Using the built-in open client because ChatKit.js could not be loaded from OpenAI's CDN. Everything works the same.", { kind: "fallback" });
    return loadOpenClient();
  }
}

function threadFromUrl() {
  return new URLSearchParams(window.location.search).get("thread");
}

function syncUrl(threadId) {
  const url = new URL(window.location.href);
  if (threadId) url.searchParams.set("thread", threadId);
  else url.searchParams.delete("thread");
  window.history.replaceState(null, "", url);
}

function themeControls(element) {
  let scheme = preferredScheme();
  let options = null;
  const toggle = document.querySelector("[data-theme-toggle]");
  const label = () => { if (toggle) toggle.textContent = scheme === "dark" ? "Light theme" : "Dark theme"; };
  const applyTheme = (next, { remember = false } = {}) => {
    scheme = next;
    showScheme(next, { remember });
    label();
    if (options) {
      options = { ...options, theme: themeFor(next) };
      element.setOptions(options);
    }
  };
  toggle?.addEventListener("click", () => applyTheme(scheme === "dark" ? "light" : "dark", { remember: true }));
  onSystemSchemeChange((next) => applyTheme(next));
  showScheme(scheme);
  label();
  return {
    applyTheme,
    currentScheme: () => scheme,
    start(initial) { options = initial; element.setOptions(options); },
  };
}

function listen(element) {
  element.addEventListener("chatkit.thread.change", (event) => syncUrl(event.detail?.threadId));
  element.addEventListener("chatkit.error", (event) => {
    const error = event.detail?.error;
    console.error("ChatKit error", error);
    // The open client shows its errors in the transcript or the composer; a banner would repeat them.
    if (element.localName !== "chatkit-open") showErrorBanner(error);
  });
  element.addEventListener("chatkit.log", (event) => console.debug("chatkit.log", event.detail?.name, event.detail?.data));
  element.addEventListener("chatkit.effect", (event) => runEffect(event.detail?.name, event.detail?.data ?? {}));
}

// Client effects (`client_effect` events) the server may ask for. Unknown names are logged and
// ignored: an effect is a hint to the page, never something the conversation depends on.
const EFFECTS = {
  highlight: ({ target, ms }) => {
    const el = target === "docs" ? document.querySelector(`nav a[href="${data.docsUrl}"]`) : null;
    if (!el) return;
    el.dataset.effect = "highlight"; // tests and styles can see it; the outline is drawn inline below
    const duration = Math.min(Math.max(Number(ms) || 2000, 300), 10000);
    el.animate(
      [
        { outline: "3px solid #f59e0b", outlineOffset: "4px", backgroundColor: "rgba(245, 158, 11, 0.25)" },
        { outline: "3px solid rgba(245, 158, 11, 0)", outlineOffset: "8px", backgroundColor: "rgba(245, 158, 11, 0)" },
      ],
      { duration: duration / 2, easing: "ease-out", iterations: 2 },
    ).finished.finally(() => { delete el.dataset.effect; });
  },
};

function runEffect(name, effectData) {
  const effect = EFFECTS[name];
  if (effect) effect(effectData);
  else console.info("Ignoring unknown client effect", name, effectData);
}

async function main() {
  if (data.domainKeyMissing && data.client === "official") {
    showBanner("ChatKit.js needs a domain key for this site (CHATKIT_DOMAIN_KEY). Ask an administrator, or set CHATKIT_CLIENT=open.");
  }
  const tag = await chooseClient();
  const element = document.createElement(tag);
  element.dataset.client = tag;
  if (tag === "chatkit-open") element.setAttribute("feedback-url", root.dataset.feedbackUrl); // stored thumbs
  root.append(element);
  listen(element);
  const theme = themeControls(element);
  theme.start(buildOptions(data, {
    scheme: theme.currentScheme(),
    initialThread: threadFromUrl(),
    onClientTool: clientToolHandler(theme),
    onWidgetAction: widgetActionHandler({ ...theme, element: () => element }),
    onOpenDocs: () => window.open(data.docsUrl, "_blank", "noopener"),
    onSendPrompt: (text) => element.sendUserMessage({ text }),
  }));
  connectLive(element);
}

async function connectLive(element) {
  // Live updates are a convenience: the chat works without them, so failures stay polite.
  let grace = null;
  try {
    const { connectLiveUpdates } = await import("./live.js");
    connectLiveUpdates({
      onThreadChanged: (threadId) => {
        if (!threadId || threadId === threadFromUrl()) element.fetchUpdates();
      },
      onStatus: (status) => {
        console.info("Live updates:", status);
        if (status === "connected") { clearTimeout(grace); grace = null; hideBanner("live"); }
        if (status === "refused") showBanner("Live updates are off for this page; reload it to see changes made elsewhere.", { kind: "live" });
        if (status === "reconnecting" && !grace) {
          grace = setTimeout(() => showBanner("Live updates lost their connection; retrying…", { kind: "live" }), LIVE_GRACE_MS);
        }
      },
    });
  } catch (error) {
    console.warn("Live updates unavailable:", error);
    showBanner("Live updates are unavailable; reload the page to see changes made elsewhere.", { kind: "live" });
  }
}

main().catch((error) => {
  console.error(error);
  showBanner(`The chat could not start: ${error.message}`);
});
