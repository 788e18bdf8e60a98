import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const BIN = join(ROOT, "apps", "cli", "bin", "mlsec.js");
const FIXTURES = join(ROOT, "packages", "core", "test", "fixtures", "ingest");

function mlsec(...args: string[]) {
  return spawnSync(process.execPath, [BIN, "ingest", ...args], { encoding: "utf8", cwd: ROOT });
}

describe("mlsec ingest", () => {
  it("prints one JSON object with the documented keys and values, and writes events as JSON lines", () => {
    const dir = mkdtempSync(join(tmpdir(), "mlsec-ingest-"));
    // gzip on disk under a misleading name: detection is by magic bytes.
    const gz = join(dir, "netfilter.txt");
    writeFileSync(gz, gzipSync(readFileSync(join(FIXTURES, "netfilter.log"))));
    const eventsOut = join(dir, "events.jsonl");
    const run = mlsec(
      gz,
      join(FIXTURES, "openssh-auth.log"),
      "--reference-date",
      "2026-01-02",
      "--json",
      "--events-out",
      eventsOut,
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    for (const key of [
      "lines",
      "events",
      "rejected",
      "byFormat",
      "rejectedByReason",
      "sources",
      "first",
      "last",
    ])
      expect(out).toHaveProperty(key);
    expect(out).toMatchObject({
      lines: 15,
      events: 10,
      rejected: 3,
      ignored: 2,
      byFormat: { netfilter: 6, openssh: 4 },
      rejectedByReason: { "invalid-address": 1, "invalid-port": 1, "invalid-timestamp": 1 },
      first: "2025-01-12T06:25:13.000Z",
      last: "2026-01-01T00:00:07.250Z",
      sources: 8, // 5 in netfilter.log, 3 in openssh-auth.log
    });
    const events = readFileSync(eventsOut, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { format: string; src: string });
    expect(events).toHaveLength(10);
    expect(events[0]).toMatchObject({ format: "netfilter", src: "203.0.113.5" });
  });

  it("prints a human summary without --json, and fails clearly on an empty file", () => {
    const run = mlsec(join(FIXTURES, "cisco-asa.log"), "--reference-date", "2026-01-02");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("11 lines: 10 events, 0 rejected, 1 ignored");
    expect(run.stdout).toContain("cisco-asa 10");
    const dir = mkdtempSync(join(tmpdir(), "mlsec-ingest-"));
    writeFileSync(join(dir, "empty.log"), "");
    const empty = mlsec(join(dir, "empty.log"));
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain("empty");
    expect(empty.stdout).toBe("");
  });

  it("refuses an unknown --format as a usage error", () => {
    const run = mlsec(join(FIXTURES, "cisco-asa.log"), "--format", "nope");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown --format");
  });
});
