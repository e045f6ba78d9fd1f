// Transport for the ChatKit protocol: every request is a JSON POST to api.url made
// through api.fetch (the host page adds CSRF headers or auth there).
import { readSSE } from "./sse.js";
import { retryAfterSeconds } from "./retry-after.js";

export const STREAMING_TYPES = new Set([
  "threads.create",
  "threads.add_user_message",
  "threads.add_client_tool_output",
  "threads.retry_after_item",
  "threads.custom_action",
  "threads.add_structured_input",
]);

/** An HTTP or protocol failure, with the server's own message when it sent one. */
export class ChatKitApiError extends Error {
  constructor(message, { status = 0, body = null, retryAfter = null } = {}) {
    super(message);
    this.name = "ChatKitApiError";
    this.status = status;
    this.body = body;
    /** Seconds from the answer's Retry-After (429, 503), so the UI can say when to try again. */
    this.retryAfter = retryAfter;
  }
}

/** Pull a human-readable message out of `{"error": ...}` / `{"detail": ...}` bodies. */
export async function errorFromResponse(response) {
  let body = null;
  let message = `${response.status} ${response.statusText || "request failed"}`.trim();
  try {
    body = await response.clone().json();
    const detail = body?.error ?? body?.detail ?? body?.message;
    if (typeof detail === "string") message = detail;
    else if (detail?.message) message = detail.message;
    else if (Array.isArray(detail) && detail[0]?.msg) message = detail.map((d) => d.msg).join("; ");
  } catch {
    const text = await response.text().catch(() => "");
    if (text && text.length < 300 && !text.trimStart().startsWith("<")) message = text;
  }
  const retryAfter = retryAfterSeconds(response.headers.get("Retry-After"));
  return new ChatKitApiError(message, { status: response.status, body, retryAfter });
}

export class ChatKitApi {
  /**
   * @param {() => { url?: string, fetch?: typeof fetch } | undefined} getApiOptions returns the current `options.api`
   * @param {(name: string, data?: Record<string, unknown>) => void} [log]
   */
  constructor(getApiOptions, log = () => {}) {
    this.getApiOptions = getApiOptions;
    this.log = log;
  }

  get fetchImpl() {
    const custom = this.getApiOptions()?.fetch;
    return custom ?? window.fetch.bind(window);
  }

  /**
   * fetch() through the host's api.fetch, for uploads to other URLs too.
   * @param {string} url
   * @param {RequestInit} [init]
   */
  fetch(url, init) {
    return this.fetchImpl(url, init);
  }

  async post(type, params, signal) {
    const url = this.getApiOptions()?.url;
    if (!url) throw new ChatKitApiError("options.api.url is not set");
    this.log("request", { type });
    const response = await this.fetchImpl(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
      body: JSON.stringify({ type, params }),
      credentials: "same-origin",
      signal,
    });
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  /**
   * Non-streaming request: resolves to the decoded JSON answer.
   * @param {string} type
   * @param {object} params
   * @param {{ signal?: AbortSignal }} [options]
   */
  async request(type, params, { signal } = {}) {
    const response = await this.post(type, params, signal);
    const text = await response.text();
    return text ? JSON.parse(text) : {};
  }

  /**
   * Streaming request: yields decoded events until the server closes the stream.
   * @param {string} type
   * @param {object} params
   * @param {{ signal?: AbortSignal }} [options]
   */
  async *stream(type, params, { signal } = {}) {
    const response = await this.post(type, params, signal);
    if (!response.body) throw new ChatKitApiError("The response has no body to stream");
    for await (const data of readSSE(response.body)) {
      if (!data) continue;
      try {
        yield JSON.parse(data);
      } catch {
        this.log("stream.invalid_event", { data: data.slice(0, 200) });
      }
    }
  }
}
