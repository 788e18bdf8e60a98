import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ingestStream } from "../../src/ingest/index.ts";
import { FIXTURES, REFERENCE, accounted } from "./ingest-fixture.ts";

describe("format detection", () => {
  it("detects each format per line in a file that mixes them", async () => {
    const names = [
      "netfilter.log",
      "pf-tcpdump.txt",
      "pf-filterlog.log",
      "cisco-asa.log",
      "openssh-auth.log",
      "suricata-eve.json",
      "cowrie.json",
      "cef.log",
      "dshield.tsv",
      "ecs.jsonl",
    ];
    const lines = names.flatMap((n) =>
      readFileSync(FIXTURES + n, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .slice(0, 2),
    );
    // Interleave so consecutive lines differ in format.
    const mixed = lines.filter((_, i) => i % 2 === 0).concat(lines.filter((_, i) => i % 2 === 1));
    const r = await ingestStream(Readable.from([Buffer.from(mixed.join("\n"))]), {
      referenceDate: REFERENCE,
    });
    expect(accounted(r)).toBe(true);
    expect(r.rejected).toBe(0);
    expect(Object.keys(r.byFormat).sort()).toEqual([
      "cef",
      "cisco-asa",
      "cowrie",
      "dshield",
      "ecs-json",
      "netfilter",
      "openssh",
      "pf",
      "pf-filterlog",
      "suricata",
    ]);
  });
});
