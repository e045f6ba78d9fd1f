// Incremental text/event-stream parser (the subset ChatKit uses: `data:` fields,
// comments, CR/LF/CRLF line ends). Kept free of DOM APIs so node can unit-test it.

/**
 * Feed arbitrary chunks (Uint8Array or string) with push(); each call returns the
 * `data` payloads of the events completed by that chunk. Bytes are decoded with a
 * streaming TextDecoder so a multi-byte character split across chunks survives.
 */
export class SSEParser {
  constructor() {
    this.decoder = new TextDecoder("utf-8");
    this.buffer = "";
    this.dataLines = null; // null: no data field seen in the current event
    this.afterCR = false;
  }

  push(chunk) {
    const text = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    this.buffer += text;
    return this.drainLines();
  }

  /** Flush at end of stream. Per the SSE spec an event without its blank line is dropped. */
  end() {
    this.buffer += this.decoder.decode();
    const events = this.drainLines();
    this.dataLines = null;
    return events;
  }

  drainLines() {
    const events = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (ch === "\n" && this.afterCR) {
        // Second half of a CRLF whose CR ended the previous line (maybe in an earlier chunk).
        this.afterCR = false;
        start = i + 1;
        continue;
      }
      this.afterCR = ch === "\r";
      if (ch !== "\n" && ch !== "\r") continue;
      this.handleLine(this.buffer.slice(start, i), events);
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  handleLine(line, events) {
    if (line === "") {
      if (this.dataLines !== null) events.push(this.dataLines.join("\n"));
      this.dataLines = null;
      return;
    }
    if (line.startsWith(":")) return; // comment / keep-alive
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") (this.dataLines ??= []).push(value);
    // `event`, `id` and `retry` are not used by the ChatKit protocol.
  }
}

/** Yield the `data` payloads of a fetch Response body as they arrive. */
export async function* readSSE(body) {
  const reader = body.getReader();
  const parser = new SSEParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      yield* parser.push(value);
    }
    yield* parser.end();
  } finally {
    reader.releaseLock();
  }
}
