// The part of DOMPurify's API that static/openclient uses (see marked.esm.d.ts for why).
export interface Purifier {
  sanitize(dirty: string, config?: Record<string, unknown>): string;
  addHook(entryPoint: "afterSanitizeAttributes", hook: (node: Element) => void): void;
}
export default function createDOMPurify(window: Window): Purifier;
