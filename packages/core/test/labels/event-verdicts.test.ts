import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { TEvent } from "../../src/events/index.ts";
import {
  EventSampler,
  findSampledEvent,
  ingestStream,
  sampleForAddress,
  type TAddressDaySample,
} from "../../src/ingest/index.ts";
import { buildDataset, type TDatasetRow, type TVerdict } from "../../src/labels/index.ts";
import { DEFAULT_CLUSTERS, eventCluster } from "../../src/rank/index.ts";
import type { TIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";

const DAYS = ["2026-09-01", "2026-09-02", "2026-09-03", "2026-09-04"] as const;
const [, L2] = DAYS;
/** Our own scanner: blocked on 443 (a watched port) on the first three days. */
const X = "45.20.0.7";

/** A generic CSV log: 30 attackers a day on port 22, X on 443 on three days, blocked. */
function log(): string {
  const rows = ["timestamp,src_ip,src_port,dst_ip,dst_port,protocol,action,hostname"];
  const row = (day: string, sec: number, src: string, port: number, action = "deny") =>
    rows.push(
      `${day}T10:00:${String(sec).padStart(2, "0")}Z,${src},40000,192.0.2.80,${port},tcp,${action},edge1`,
    );
  DAYS.forEach((day, d) => {
    for (let i = 0; i < 30; i++) for (let n = 0; n < 3; n++) row(day, n, `45.${30 + d}.0.${i}`, 22);
    if (d < 3) for (let n = 0; n < 8; n++) row(day, 10 + n, X, 443);
  });
  return `${rows.join("\n")}\n`;
}

/** The log through the ingest, as the pipeline runs it: its rollups and its event sample. */
async function ingest(): Promise<{ rollups: TIpDayRollup[]; sample: TAddressDaySample[] }> {
  const sampler = new EventSampler();
  const result = await ingestStream(Readable.from([Buffer.from(log())]), {
    onEvent: (e: TEvent) => sampler.add(e),
  });
  return { rollups: result.rollups, sample: [...sampler.shards().values()].flat() };
}

const build = (rollups: TIpDayRollup[], verdicts: TVerdict[]) =>
  buildDataset({
    rollups,
    asOf: "2026-09-05",
    labelDays: 4,
    benignCidrs: ["8.8.0.0/16"],
    verdicts,
    seed: 3,
  });
const byKey = (rows: TDatasetRow[]) => new Map(rows.map((r) => [`${r.day} ${r.ip}`, r]));

describe("a verdict on one sampled event (#17)", () => {
  it("relabels exactly that event's address-day in the next training set", async () => {
    const { rollups, sample } = await ingest();
    // The analyst picks the second sampled event of X on L2 on the IP page, by its line number.
    const shown = sampleForAddress(sample, X, L2)[0]?.events[1];
    expect(shown).toMatchObject({ dstPort: 443, proto: "tcp", action: "block" });
    const found = findSampledEvent(sample, shown?.line ?? 0);
    expect(found).toMatchObject({ address: X, day: L2 });
    const dayRollup = rollups.find((r) => r.ip === X && r.day === L2) ?? null;
    const cluster = found ? eventCluster(found.event, dayRollup, DEFAULT_CLUSTERS) : null;
    expect(cluster).toBe("watched-ports");
    const verdict: TVerdict = {
      ip: found?.address ?? "",
      verdict: "benign",
      day: found?.day ?? "",
      cluster: cluster ?? "",
      at: "2026-09-05T09:00:00Z",
    };

    const before = byKey(build(rollups, []).rows);
    const after = byKey(build(rollups, [verdict]).rows);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    // X is malicious (watched-ports) on each of its three days without the verdict.
    for (const day of DAYS.slice(0, 3)) expect(before.get(`${day} ${X}`)).toMatchObject({ y: 1 });
    const changed = [...after].filter(
      ([key, row]) => JSON.stringify(row) !== JSON.stringify(before.get(key)),
    );
    expect(changed.map(([key]) => key)).toEqual([`${L2} ${X}`]);
    expect(after.get(`${L2} ${X}`)).toEqual({ ...before.get(`${L2} ${X}`), y: 0, source: "analyst" });
  });

  it("a line the sample does not hold is found nowhere", async () => {
    const { sample } = await ingest();
    const kept = new Set(sample.flatMap((d) => d.events.map((e) => e.line)));
    // X sent 8 events a day and 5 are kept: its 6th on the first day is counted only.
    const xFirstDay = sampleForAddress(sample, X, DAYS[0])[0];
    expect(xFirstDay?.more).toBe(3);
    const unsampled = (xFirstDay?.events.at(-1)?.line ?? 0) + 1;
    expect(kept.has(unsampled)).toBe(false);
    expect(findSampledEvent(sample, unsampled)).toBeNull();
  });
});

describe("eventCluster: the rule an event falls under on its day", () => {
  const day = (over: Partial<TIpDayRollup>): TIpDayRollup => ({
    day: L2,
    ip: X,
    events: 6,
    distinctPorts: 1,
    ports: { "443": 6 },
    blockedPorts: { "443": 6 },
    protocols: { tcp: 6 },
    actions: { block: 6 },
    firstSeen: `${L2}T10:00:00Z`,
    lastSeen: `${L2}T10:01:00Z`,
    ...over,
  });

  it("is the first rule the day matched that the event itself feeds", () => {
    const scan = day({
      distinctPorts: 6,
      ports: { "22": 1, "81": 1, "82": 1, "83": 1, "84": 1, "85": 1 },
      blockedPorts: { "22": 1, "81": 1, "82": 1, "83": 1, "84": 1, "85": 1 },
    });
    expect(eventCluster({ dstPort: 22, action: "block" }, scan, DEFAULT_CLUSTERS)).toBe("watched-ports");
    expect(eventCluster({ dstPort: 81, action: "block" }, scan, DEFAULT_CLUSTERS)).toBe("port-scan");
    // An allowed attempt on a watched port is no blocked attempt, but it is one of the ports scanned.
    expect(eventCluster({ dstPort: 22, action: "allow" }, scan, DEFAULT_CLUSTERS)).toBe("port-scan");
    const logins = day({ actions: { "auth-failure": 6 }, blockedPorts: {}, ports: { "22": 6 } });
    expect(eventCluster({ dstPort: 22, action: "auth-failure" }, logins, DEFAULT_CLUSTERS)).toBe(
      "brute-force",
    );
  });

  it("is null when the event feeds no rule the day matched, or the day's rollup is gone", () => {
    expect(eventCluster({ dstPort: 80, action: "allow" }, day({}), DEFAULT_CLUSTERS)).toBeNull();
    const quiet = day({ blockedPorts: {}, actions: { allow: 6 } });
    expect(eventCluster({ dstPort: 443, action: "allow" }, quiet, DEFAULT_CLUSTERS)).toBeNull();
    expect(eventCluster({ dstPort: 443, action: "block" }, null, DEFAULT_CLUSTERS)).toBeNull();
  });
});
