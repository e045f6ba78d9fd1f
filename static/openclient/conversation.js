// Talking to the server on behalf of <chatkit-open>: streams, client tools, thread
// loading, feedback, retry, rename and delete. Mixed into the element's prototype so
// these methods share its state without a second object to keep in sync.

const ERROR_MESSAGES = {
  stream_error: "An error occurred while generating the response.",
};

export const ConversationMixin = {
  /** Run one streaming request to completion, then any client tool it ended on. */
  async runStream(type, params) {
    if (this.streaming) throw this.fail(new Error("A response is already streaming"));
    this.abortController = new AbortController();
    this.streaming = true;
    this.streamsStarted = (this.streamsStarted ?? 0) + 1;
    this.canCancel = false;
    this.transcript.setProgress("");
    this.updateComposer();
    this.emit("chatkit.response.start", undefined);
    let lastDone = null;
    let stopped = false;
    try {
      for await (const event of this.api.stream(type, params, { signal: this.abortController.signal })) {
        this.handleEvent(event, { type, params });
        if (event.type === "thread.item.done") lastDone = event.item;
      }
    } catch (error) {
      stopped = error?.name === "AbortError";
      if (stopped) this.transcript.appendInline(stoppedNote());
      else this.showFailure(error);
    } finally {
      this.streaming = false;
      this.canCancel = false;
      this.abortController = null;
      this.transcript.setProgress(null);
      this.transcript.markDirty(this.state.items.keys()); // refresh per-message actions
      this.transcript.flush();
      this.updateComposer();
      this.emit("chatkit.response.end", undefined);
    }
    if (!stopped && lastDone?.type === "client_tool_call" && lastDone.status === "pending") {
      await this.runClientTool(lastDone);
    }
  },

  handleEvent(event, request) {
    if (event.type?.startsWith("thread.item.")) this.transcript.setProgress("");
    switch (event.type) {
      case "thread.created":
      case "thread.updated": {
        const before = this.state.threadId;
        this.state.apply(event);
        this.updateTitle();
        this.updateComposer();
        if (before !== this.state.threadId) this.emit("chatkit.thread.change", { threadId: this.state.threadId });
        return;
      }
      case "stream_options":
        this.canCancel = Boolean(event.stream_options?.allow_cancel);
        this.updateComposer();
        return;
      case "progress_update":
        this.transcript.setProgress(event.text ?? "", event.icon);
        return;
      case "client_effect":
        this.emit("chatkit.effect", { name: event.name, data: event.data });
        return;
      case "error": {
        const message = event.message ?? ERROR_MESSAGES[event.code] ?? `Error: ${event.code ?? "unknown"}`;
        this.transcript.showError(message, { onRetry: event.allow_retry ? () => this.retry() : null });
        this.fail(Object.assign(new Error(message), { code: event.code }));
        return;
      }
      case "notice":
        this.transcript.showNotice(event);
        return;
      default:
        break;
    }
    if (!event.type?.startsWith("thread.item.")) {
      this.emit("chatkit.log", { name: "stream.unknown_event", data: { type: event.type, request: request.type } });
      return;
    }
    const change = this.state.apply(event);
    for (const id of change.removed) this.transcript.removeItem(id);
    if (change.items.size) this.transcript.markDirty(change.items);
    for (const { itemId, componentId } of change.textDeltas) this.transcript.patchText(itemId, componentId);
  },

  async runClientTool(item) {
    const { name, arguments: params = {} } = item;
    this.emit("chatkit.log", { name: "client_tool.call", data: { name } });
    let result;
    try {
      if (!this.options?.onClientTool) throw new Error(`No onClientTool handler for “${name}”`);
      result = await this.options.onClientTool({ name, params });
    } catch (error) {
      this.fail(error);
      result = { error: error?.message ?? String(error) };
    }
    // The server marks the call completed without an event; mirror that locally.
    Object.assign(item, { status: "completed", output: result ?? {} });
    this.state.items.set(item.id, item);
    this.transcript.markDirty([item.id]);
    await this.runStream("threads.add_client_tool_output", { thread_id: this.state.threadId, result: result ?? {} });
  },

  cancel() {
    this.abortController?.abort();
  },

  async loadThread(threadId, { announce }) {
    this.emit("chatkit.thread.load.start", { threadId });
    const streamsBefore = this.streamsStarted ?? 0;
    try {
      const thread = await this.api.request("threads.get_by_id", { thread_id: threadId });
      const items = await this.listAllItems(threadId);
      // A background refresh (fetchUpdates) that raced a new message is stale: the stream
      // already shows the newer state, and replacing it would drop the message just sent.
      if (!announce && (this.streaming || (this.streamsStarted ?? 0) !== streamsBefore)) return;
      this.state.reset(thread, items);
      this.renderThread();
      if (announce) this.emit("chatkit.thread.change", { threadId });
    } catch (error) {
      this.showFailure(error);
    } finally {
      this.emit("chatkit.thread.load.end", { threadId });
    }
  },

  async listAllItems(threadId) {
    const items = [];
    let after = null;
    for (let page = 0; page < 50; page++) {
      const result = await this.api.request("items.list", { thread_id: threadId, order: "asc", limit: 100, ...(after ? { after } : {}) });
      items.push(...(result.data ?? []));
      if (!result.has_more || !result.data?.length) break;
      after = result.after ?? result.data.at(-1).id;
    }
    return items;
  },

  async sendFeedback(itemId, kind) {
    try {
      await this.api.request("items.feedback", { thread_id: this.state.threadId, item_ids: [itemId], kind });
      this.feedbackGiven.set(itemId, kind);
      this.transcript.markDirty([itemId]);
    } catch (error) {
      this.showFailure(error);
    }
  },

  /** Regenerate the answer to the last user message. */
  async retry() {
    const userMessage = this.state.lastItemOfType("user_message");
    if (!userMessage || this.streaming) return;
    // The server deletes everything after the message without sending removal events.
    let after = false;
    for (const id of [...this.state.items.keys()]) {
      if (after) { this.state.items.delete(id); this.transcript.removeItem(id); }
      if (id === userMessage.id) after = true;
    }
    await this.runStream("threads.retry_after_item", { thread_id: this.state.threadId, item_id: userMessage.id });
  },

  async renameThread(threadId, title) {
    const thread = await this.api.request("threads.update", { thread_id: threadId, title });
    if (threadId === this.state.threadId) {
      this.state.thread = { ...this.state.thread, title: thread?.title ?? title };
      this.updateTitle();
    }
    return thread;
  },

  async deleteThread(threadId) {
    await this.api.request("threads.delete", { thread_id: threadId });
    if (threadId === this.state.threadId) await this.setThreadId(null);
  },

  showFailure(error) {
    this.transcript.showError(error?.message ?? String(error));
    this.fail(error);
  },
};

function stoppedNote() {
  const el = document.createElement("p");
  el.className = "cko-status-line cko-stopped";
  el.setAttribute("role", "status");
  el.textContent = "Response stopped.";
  return el;
}
