// Talking to the server on behalf of <chatkit-open>: streams, client tools, thread
// loading, feedback, retry, rename and delete. One Conversation per element; it reads and
// writes the element's state (thread, transcript, composer) through `this.el`.

const ERROR_MESSAGES = {
  stream_error: "An error occurred while generating the response.",
};

export class Conversation {
  /** @param {import("./chatkit-open.js").ChatKitOpenElement} el */
  constructor(el) {
    this.el = el;
    /** @type {AbortController | null} */
    this.abortController = null;
  }

  /**
   * Run one streaming request to completion, then any client tool it ended on. Resolves to
   * false when the server refused the request before streaming (a 429 or 503, say), so a
   * caller can give the user back what they typed.
   */
  async runStream(type, params) {
    if (this.el.streaming) throw this.el.fail(new Error("A response is already streaming"));
    this.abortController = new AbortController();
    this.el.streaming = true;
    this.el.streamsStarted = (this.el.streamsStarted ?? 0) + 1;
    this.el.canCancel = false;
    this.el.transcript.setProgress("");
    this.el.updateComposer();
    this.el.emit("chatkit.response.start", undefined);
    let lastDone = null;
    let stopped = false;
    let events = 0;
    let refused = false;
    try {
      for await (const event of this.el.api.stream(type, params, { signal: this.abortController.signal })) {
        events += 1;
        this.handleEvent(event, { type, params });
        if (event.type === "thread.item.done") lastDone = event.item;
      }
    } catch (error) {
      stopped = error?.name === "AbortError";
      refused = !stopped && events === 0 && Boolean(error?.status);
      if (stopped) this.el.transcript.appendInline(stoppedNote());
      else this.showFailure(error);
    } finally {
      this.el.streaming = false;
      this.el.canCancel = false;
      this.abortController = null;
      this.el.transcript.setProgress(null);
      this.el.transcript.markDirty(this.el.state.items.keys()); // refresh per-message actions
      this.el.transcript.flush();
      this.el.updateComposer();
      this.el.emit("chatkit.response.end", undefined);
    }
    if (!stopped && lastDone?.type === "client_tool_call" && lastDone.status === "pending") {
      await this.runClientTool(lastDone);
    }
    return !refused;
  }

  handleEvent(event, request) {
    if (event.type?.startsWith("thread.item.")) this.el.transcript.setProgress("");
    switch (event.type) {
      case "thread.created":
      case "thread.updated": {
        const before = this.el.state.threadId;
        this.el.state.apply(event);
        this.el.updateTitle();
        this.el.updateComposer();
        if (before !== this.el.state.threadId) this.el.emit("chatkit.thread.change", { threadId: this.el.state.threadId });
        return;
      }
      case "stream_options":
        this.el.canCancel = Boolean(event.stream_options?.allow_cancel);
        this.el.updateComposer();
        return;
      case "progress_update":
        this.el.transcript.setProgress(event.text ?? "", event.icon);
        return;
      case "client_effect":
        this.el.emit("chatkit.effect", { name: event.name, data: event.data });
        return;
      case "error": {
        const message = event.message ?? ERROR_MESSAGES[event.code] ?? `Error: ${event.code ?? "unknown"}`;
        this.el.transcript.showError(message, { onRetry: event.allow_retry ? () => this.retry() : null });
        this.el.fail(Object.assign(new Error(message), { code: event.code }));
        return;
      }
      case "notice":
        this.el.transcript.showNotice(event);
        return;
      default:
        break;
    }
    if (!event.type?.startsWith("thread.item.")) {
      this.el.emit("chatkit.log", { name: "stream.unknown_event", data: { type: event.type, request: request.type } });
      return;
    }
    const change = this.el.state.apply(event);
    for (const id of change.removed) this.el.transcript.removeItem(id);
    if (change.items.size) this.el.transcript.markDirty(change.items);
    for (const { itemId, componentId } of change.textDeltas) this.el.transcript.patchText(itemId, componentId);
  }

  async runClientTool(item) {
    const { name, arguments: params = {} } = item;
    this.el.emit("chatkit.log", { name: "client_tool.call", data: { name } });
    let result;
    try {
      if (!this.el.options?.onClientTool) throw new Error(`No onClientTool handler for “${name}”`);
      result = await this.el.options.onClientTool({ name, params });
    } catch (error) {
      this.el.fail(error);
      result = { error: error?.message ?? String(error) };
    }
    // The server marks the call completed without an event; mirror that locally.
    Object.assign(item, { status: "completed", output: result ?? {} });
    this.el.state.items.set(item.id, item);
    this.el.transcript.markDirty([item.id]);
    await this.runStream("threads.add_client_tool_output", { thread_id: this.el.state.threadId, result: result ?? {} });
  }

  /**
   * A widget action with `streaming: false`: one `threads.sync_custom_action` request whose
   * answer is the updated item (or none), applied in place.
   * @param {{ type: string, payload?: unknown }} action
   * @param {string} itemId
   */
  async syncCustomAction(action, itemId) {
    const result = await this.el.api.request("threads.sync_custom_action", {
      thread_id: this.el.state.threadId, item_id: itemId, action: { type: action.type, payload: action.payload ?? null },
    });
    const updated = result?.updated_item;
    if (updated?.id) {
      this.handleEvent({ type: "thread.item.replaced", item: updated }, { type: "threads.sync_custom_action" });
      this.el.transcript.flush();
    }
  }

  cancel() {
    this.abortController?.abort();
  }

  async loadThread(threadId, { announce }) {
    this.el.emit("chatkit.thread.load.start", { threadId });
    const streamsBefore = this.el.streamsStarted ?? 0;
    try {
      const [thread, items, feedback] = await Promise.all([
        this.el.api.request("threads.get_by_id", { thread_id: threadId }),
        this.listAllItems(threadId),
        this.storedFeedback(threadId),
      ]);
      // A background refresh (fetchUpdates) that raced a new message is stale: the stream
      // already shows the newer state, and replacing it would drop the message just sent.
      if (!announce && (this.el.streaming || (this.el.streamsStarted ?? 0) !== streamsBefore)) return;
      this.el.state.reset(thread, items);
      this.el.loadedFeedback = feedback;
      this.el.renderThread();
      if (announce) this.el.emit("chatkit.thread.change", { threadId });
    } catch (error) {
      this.showFailure(error);
    } finally {
      this.el.emit("chatkit.thread.load.end", { threadId });
    }
  }

  async listAllItems(threadId) {
    const items = [];
    let after = null;
    for (let page = 0; page < 50; page++) {
      const result = await this.el.api.request("items.list", { thread_id: threadId, order: "asc", limit: 100, ...(after ? { after } : {}) });
      items.push(...(result.data ?? []));
      if (!result.has_more || !result.data?.length) break;
      after = result.after ?? result.data.at(-1).id;
    }
    return items;
  }

  /**
   * The thumbs this user gave before, from the host's `feedback-url` (GET `?thread_id=`,
   * answering `{feedback: {itemId: kind}}`): the protocol's thread carries no feedback. Null
   * without the attribute, or when the request fails (the thumbs then start unpressed).
   * @param {string} threadId
   * @returns {Promise<Record<string, string> | null>}
   */
  async storedFeedback(threadId) {
    const url = this.el.getAttribute("feedback-url");
    if (!url) return null;
    try {
      const response = await this.el.api.fetch(`${url}?thread_id=${encodeURIComponent(threadId)}`, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return (await response.json()).feedback ?? null;
    } catch (error) {
      this.el.emit("chatkit.log", { name: "feedback.load_failed", data: { message: String(error?.message ?? error) } });
      return null;
    }
  }

  async sendFeedback(itemId, kind) {
    try {
      await this.el.api.request("items.feedback", { thread_id: this.el.state.threadId, item_ids: [itemId], kind });
      this.el.feedbackGiven.set(itemId, kind);
      this.el.transcript.markDirty([itemId]);
    } catch (error) {
      this.showFailure(error);
    }
  }

  /** Regenerate the answer to the last user message. */
  async retry() {
    const userMessage = this.el.state.lastItemOfType("user_message");
    if (!userMessage || this.el.streaming) return;
    // The server deletes everything after the message without sending removal events.
    let after = false;
    for (const id of [...this.el.state.items.keys()]) {
      if (after) { this.el.state.items.delete(id); this.el.transcript.removeItem(id); }
      if (id === userMessage.id) after = true;
    }
    await this.runStream("threads.retry_after_item", { thread_id: this.el.state.threadId, item_id: userMessage.id });
  }

  async renameThread(threadId, title) {
    const thread = await this.el.api.request("threads.update", { thread_id: threadId, title });
    if (threadId === this.el.state.threadId) {
      this.el.state.thread = { ...this.el.state.thread, title: thread?.title ?? title };
      this.el.updateTitle();
    }
    return thread;
  }

  async deleteThread(threadId) {
    await this.el.api.request("threads.delete", { thread_id: threadId });
    if (threadId === this.el.state.threadId) await this.el.setThreadId(null);
  }

  showFailure(error) {
    this.el.transcript.showError(error?.message ?? String(error), { status: error?.status, retryAfter: error?.retryAfter });
    this.el.fail(error);
  }
}

function stoppedNote() {
  const el = document.createElement("p");
  el.className = "cko-status-line cko-stopped";
  el.setAttribute("role", "status");
  el.textContent = "Response stopped.";
  return el;
}
