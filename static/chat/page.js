// The chat page: picks the client (official ChatKit.js, the open client, or official with a
// fallback), hands it the options, and keeps the URL, theme and error banner in step with it.
import { buildOptions, themeFor } from "./options.js";
import { clientToolHandler } from "./client-tools.js";
import { preferredScheme, rememberScheme } from "./theme.js";

const data = JSON.parse(document.getElementById("chat-page-data").textContent);
const root = document.querySelector("[data-chat-root]");
const banner = document.querySelector("[data-banner]");

function showBanner(message) {
  banner.querySelector("[data-banner-text]").textContent = message;
  banner.hidden = false;
}
banner.querySelector("[data-banner-close]").addEventListener("click", () => { banner.hidden = true; });

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
  if (data.client === "official") return loadOfficialScript(60000);
  try {
    return await loadOfficialScript(data.fallbackMs);
  } catch (error) {
    console.warn("Falling back to the open client:", error.message);
    showBanner("Using the built-in open client because ChatKit.js could not be loaded.");
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

async function main() {
  if (data.domainKeyMissing && data.client === "official") {
    showBanner("ChatKit.js needs a domain key for this site (CHATKIT_DOMAIN_KEY). Ask an administrator, or set CHATKIT_CLIENT=open.");
  }
  const tag = await chooseClient();
  const element = document.createElement(tag);
  element.dataset.client = tag;
  root.append(element);
  let scheme = preferredScheme();
  rememberScheme(scheme);
  let options;
  const applyTheme = (next) => {
    scheme = next;
    options = { ...options, theme: themeFor(next) };
    element.setOptions(options);
  };
  options = buildOptions(data, {
    scheme,
    initialThread: threadFromUrl(),
    onClientTool: clientToolHandler({ applyTheme }),
    onOpenDocs: () => window.open(data.docsUrl, "_blank", "noopener"),
  });
  element.setOptions(options);
  element.addEventListener("chatkit.thread.change", (event) => syncUrl(event.detail?.threadId));
  element.addEventListener("chatkit.error", (event) => {
    console.error("ChatKit error", event.detail?.error);
    showBanner(`Something went wrong: ${event.detail?.error?.message || "please try again"}.`);
  });
  connectLive(element);
}

async function connectLive(element) {
  // Live updates arrive with their own module; the chat works without them.
  try {
    const { connectLiveUpdates } = await import("./live.js");
    connectLiveUpdates({
      onThreadChanged: (threadId) => {
        if (!threadId || threadId === threadFromUrl()) element.fetchUpdates();
      },
      onStatus: (status) => { if (status === "refused") console.warn("Live updates refused"); },
    });
  } catch (error) {
    console.info("Live updates unavailable:", error.message);
  }
}

main().catch((error) => {
  console.error(error);
  showBanner(`The chat could not start: ${error.message}`);
});
