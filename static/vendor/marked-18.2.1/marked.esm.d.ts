// The part of marked's API that static/openclient uses, so `tsc --checkJs` checks our calls
// without type-checking the vendored bundle itself.
export class Marked {
  constructor(options?: { gfm?: boolean; breaks?: boolean; async?: false });
  parse(source: string): string;
}
