import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createParseContext } from "../../src/ingest/parse-context.ts";
import { ParsedRecord } from "../../src/ingest/parsed-record.ts";
import { parseNetfilterText } from "../../src/ingest/parsers/netfilter.ts";
import { mutatedNetfilterLine, netfilterLine } from "./netfilter-arbitraries.ts";
import { parseNetfilterText as referenceParse } from "./netfilter-reference.ts";

const REFERENCE = new Date("2026-01-02T00:00:00Z");

function record(r: ParsedRecord): ParsedRecord {
  return Object.assign(new ParsedRecord(), r);
}

describe("netfilter hot path", () => {
  it("agrees with the reference parser on every field and outcome, line after line", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(netfilterLine, mutatedNetfilterLine), { minLength: 1, maxLength: 30 }),
        (lines) => {
          const ctxA = createParseContext(REFERENCE);
          const ctxB = createParseContext(REFERENCE);
          // Lines share one chunk string, as they do when read from a file.
          const text = lines.join("\n") + "\n";
          let s = 0;
          for (const l of lines) {
            const e = s + l.length;
            const a = new ParsedRecord();
            const b = new ParsedRecord();
            const outA = parseNetfilterText(text, s, e, ctxA, a);
            const outB = referenceParse(text, s, e, ctxB, b);
            expect(outA).toBe(outB);
            if (outA === null) expect(record(a)).toEqual(record(b));
            s = e + 1;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
