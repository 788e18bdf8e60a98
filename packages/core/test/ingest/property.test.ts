import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FORMAT_NAMES } from "../../src/events/event.ts";
import { ingestStream } from "../../src/ingest/index.ts";
import { createParseContext } from "../../src/ingest/parse-context.ts";
import { ParsedRecord } from "../../src/ingest/parsed-record.ts";
import { PARSERS } from "../../src/ingest/parsers/index.ts";
import { parseNetfilterText } from "../../src/ingest/parsers/netfilter.ts";
import { FIXTURES, REFERENCE, accounted } from "./ingest-fixture.ts";

const FIXTURE_FILES = [
  "netfilter.log",
  "pf-tcpdump.txt",
  "pf-filterlog.log",
  "cisco-asa.log",
  "windows-firewall.log",
  "openssh-auth.log",
  "suricata-eve.json",
  "cowrie.json",
  "cef.log",
  "dshield.tsv",
  "generic.csv",
  "ecs.jsonl",
];
const VALID_LINES = FIXTURE_FILES.flatMap((f) =>
  readFileSync(FIXTURES + f, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== ""),
);

/** A valid line with random edits: deletions, insertions, replaced characters, truncation. */
const mutatedLine = fc
  .tuple(
    fc.constantFrom(...VALID_LINES),
    fc.array(
      fc.record({
        at: fc.nat(),
        del: fc.nat({ max: 8 }),
        ins: fc.oneof(
          fc.string({ maxLength: 8 }),
          fc.constantFrom(
            "=",
            " ",
            ":",
            ".",
            ",",
            "/",
            "\t",
            '"',
            "{",
            "|",
            "\\",
            "999",
            "-1",
            "::",
            "\u0000",
          ),
        ),
      }),
      { maxLength: 4 },
    ),
  )
  .map(([line, edits]) =>
    edits.reduce((s, e) => {
      const at = s.length === 0 ? 0 : e.at % (s.length + 1);
      return s.slice(0, at) + e.ins + s.slice(at + e.del);
    }, line),
  );

async function ingestBytes(bytes: Uint8Array, format?: (typeof FORMAT_NAMES)[number]) {
  return ingestStream(Readable.from([Buffer.from(bytes)]), {
    referenceDate: REFERENCE,
    ...(format ? { format } : {}),
  });
}

describe("property: nothing throws, every line is accounted for", () => {
  it("random bytes, with and without each forced format", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 2000 }),
        fc.option(fc.constantFrom(...FORMAT_NAMES)),
        async (bytes, format) => {
          const r = await ingestBytes(bytes, format ?? undefined);
          expect(accounted(r)).toBe(true);
          const newlines = bytes.filter((b) => b === 10).length;
          expect(r.lines).toBe(newlines + (bytes[bytes.length - 1] === 10 ? 0 : 1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("mutated valid lines through detection and through each forced format", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutatedLine, { minLength: 1, maxLength: 30 }),
        fc.option(fc.constantFrom(...FORMAT_NAMES)),
        async (lines, format) => {
          const text = lines.join("\n") + "\n";
          const r = await ingestBytes(Buffer.from(text), format ?? undefined);
          expect(accounted(r)).toBe(true);
          expect(r.lines).toBe(text.split("\n").length - 1);
          for (const roll of r.rollups) expect(roll.events).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("each parser on its own never throws on mutated lines and leaves a valid record on success", () => {
    fc.assert(
      fc.property(mutatedLine, (line) => {
        for (const p of PARSERS) {
          const ctx = createParseContext(REFERENCE);
          const rec = new ParsedRecord();
          const outcome = p.sniff(line, ctx)
            ? p.parse(line, ctx, rec)
            : parseNetfilterText(line, 0, line.length, ctx, rec);
          if (outcome === null) {
            expect(Number.isFinite(rec.timeMs)).toBe(true);
            expect(rec.srcV4 >= 0 || rec.src.length > 1).toBe(true);
            expect(rec.dstPort).toBeLessThanOrEqual(65535);
            expect(rec.srcPort).toBeLessThanOrEqual(65535);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
