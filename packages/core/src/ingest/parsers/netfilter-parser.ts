import type { TLineParser } from "./line-parser.ts";
import { parseNetfilterText, sniffNetfilter } from "./netfilter.ts";

/** Line entry to the chunk parser, for detection and forced-format paths. */
export const netfilterParser: TLineParser = {
  format: "netfilter",
  sniff: sniffNetfilter,
  parse: (line, ctx, out) => parseNetfilterText(line, 0, line.length, ctx, out),
};
