// Unit tests for the open client's SSE parser: however the bytes are chunked,
// the parsed events must be identical.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SSEParser, readSSE } from "../../static/openclient/sse.js";

const SAMPLE =
  ": keep-alive comment\n\n" +
  'data: {"type":"thread.created","thread":{"id":"thr_1","title":"Héllo wörld ✓"}}\n\n' +
  'data: {"type":"progress_update","text":"Searching 🔎 the docs…"}\r\n\r\n' +
  "data: first line\r\ndata: second line\n\n" +
  "data:no-space\rdata:  two spaces\r\r" +
  "event: ignored\nid: 7\nretry: 100\ndata: 日本語テキスト 🎉\n\n" +
  "data\n\n" +
  ": trailing comment\n" +
  "data: unterminated event is dropped";

const EXPECTED = [
  '{"type":"thread.created","thread":{"id":"thr_1","title":"Héllo wörld ✓"}}',
  '{"type":"progress_update","text":"Searching 🔎 the docs…"}',
  "first line\nsecond line",
  "no-space\n two spaces",
  "日本語テキスト 🎉",
  "",
];

const BYTES = new TextEncoder().encode(SAMPLE);

function parseChunks(chunks) {
  const parser = new SSEParser();
  const events = [];
  for (const chunk of chunks) events.push(...parser.push(chunk));
  events.push(...parser.end());
  return events;
}

test("single byte chunk", () => {
  assert.deepEqual(parseChunks([BYTES]), EXPECTED);
});

test("single string chunk", () => {
  assert.deepEqual(parseChunks([SAMPLE]), EXPECTED);
});

test("split at every byte boundary into two chunks", () => {
  for (let i = 0; i <= BYTES.length; i++) {
    const events = parseChunks([BYTES.slice(0, i), BYTES.slice(i)]);
    assert.deepEqual(events, EXPECTED, `split at byte ${i}`);
  }
});

test("one byte per chunk (every UTF-8 multi-byte sequence is split)", () => {
  const chunks = Array.from(BYTES, (b) => Uint8Array.of(b));
  assert.deepEqual(parseChunks(chunks), EXPECTED);
});

test("splits inside each multi-byte character", () => {
  // Find every position that falls inside a multi-byte sequence (continuation byte).
  const inside = [];
  BYTES.forEach((b, i) => { if ((b & 0xc0) === 0x80) inside.push(i); });
  assert.ok(inside.length > 10, "sample must contain multi-byte characters");
  for (const i of inside) {
    assert.deepEqual(parseChunks([BYTES.slice(0, i), BYTES.slice(i)]), EXPECTED, `split at ${i}`);
  }
});

test("one character per string chunk, CR and LF separated", () => {
  assert.deepEqual(parseChunks([...SAMPLE]), EXPECTED);
});

test("events are emitted as soon as they are complete", () => {
  const parser = new SSEParser();
  assert.deepEqual(parser.push("data: a\n"), []);
  assert.deepEqual(parser.push("\n"), ["a"]);
  assert.deepEqual(parser.push("data: b\r"), []);
  assert.deepEqual(parser.push("\r"), ["b"]);
});

test("readSSE consumes a ReadableStream", async () => {
  const stream = new ReadableStream({
    start(controller) {
      for (let i = 0; i < BYTES.length; i += 7) controller.enqueue(BYTES.slice(i, i + 7));
      controller.close();
    },
  });
  const events = [];
  for await (const data of readSSE(stream)) events.push(data);
  assert.deepEqual(events, EXPECTED);
});
