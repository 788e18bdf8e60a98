import type { TParseContext } from "./parse-context.ts";
import type { TLineParser } from "./parsers/line-parser.ts";
import { PARSERS } from "./parsers/index.ts";

/** The first parser whose signature matches the line, or null. */
export function detectFormat(line: string, ctx: TParseContext): TLineParser | null {
  for (const p of PARSERS) if (p.sniff(line, ctx)) return p;
  return null;
}

/** Why nothing matched: control bytes or invalid UTF-8 mean binary garbage rather than an unknown text format. */
export function unrecognisedReason(line: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(line) ? "binary-data" : "unrecognised-format";
}
