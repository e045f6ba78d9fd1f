// Unit tests for inline citation markers: numbered in first-seen order, placed in reading order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { markText, numberSources } from "../../static/openclient/citations.js";

const visible = (text) => text.replace(/\u2063cko(\d+)\u2063/g, "[$1]");
const cite = (index, url) => ({ type: "annotation", index, source: { type: "url", url, title: url } });

test("markers at one index read in order, not reversed", () => {
  const annotations = [cite(5, "/docs/a"), cite(5, "/docs/b"), cite(5, "/docs/c")];
  const { numbers } = numberSources(annotations);
  assert.equal(visible(markText("Hello.", annotations, numbers)), "Hello[1][2][3].");
});

test("markers at different indexes land where their passages end; a repeated source keeps its number", () => {
  const annotations = [cite(2, "/docs/a"), cite(6, "/docs/b"), cite(6, "/docs/a")];
  const { numbers, sources } = numberSources(annotations);
  assert.deepEqual(numbers, [1, 2, 1]);
  assert.equal(sources.length, 2);
  assert.equal(visible(markText("Hi. Yes.", annotations, numbers)), "Hi[1]. Ye[2][1]s.");
});
