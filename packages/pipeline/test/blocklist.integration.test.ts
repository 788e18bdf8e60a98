import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { TIpDayRollup } from "@mlsec/core/rollup";
import { closeDb, createTenantWithOwner, readRollups, replaceRollups } from "@mlsec/db";
import { buildBlocklist } from "../src/build-blocklist.ts";
import { doneUploadWithReport, scored } from "./report-fixtures.ts";
import { addDays, utcDay } from "@mlsec/core/day";

afterAll(closeDb);

const tenant = async () => {
  const id = randomUUID().slice(0, 8);
  return createTenantWithOwner({
    name: `bl-${id}`,
    email: `bl-${id}@example.test`,
    password: "correct horse battery",
  });
};

describe("buildBlocklist", () => {
  it("takes the newest report's score per IP, filters by min, and ignores unfinished uploads", async () => {
    const t = await tenant();
    // As-of days close to today: a listing with no own rank is valid for one half-life (6 days).
    const day = (back: number) => addDays(utcDay(), -back);
    await doneUploadWithReport(t.tenantId, day(4), [scored("192.0.2.1", 0.95), scored("192.0.2.2", 0.97)]);
    await new Promise((r) => setTimeout(r, 20));
    // Newer: 192.0.2.1 has calmed down, 192.0.2.3 is new.
    await doneUploadWithReport(t.tenantId, day(2), [scored("192.0.2.1", 0.2), scored("192.0.2.3", 0.91)]);
    await doneUploadWithReport(t.tenantId, day(1), [scored("192.0.2.9", 0.99)], false);
    const set = await buildBlocklist({ tenantId: t.tenantId });
    expect(set.filter.min).toBe(0.9);
    expect(set.entries.map((e) => [e.scored.ip, e.asOf])).toEqual([
      ["192.0.2.2", day(4)],
      ["192.0.2.3", day(2)],
    ]);
    const all = await buildBlocklist({ tenantId: t.tenantId, min: 0 });
    expect(all.entries.find((e) => e.scored.ip === "192.0.2.1")?.scored.score).toBe(0.2);
    const review = await buildBlocklist({ tenantId: t.tenantId, min: 0, buckets: ["allow"] });
    expect(review.entries.map((e) => e.scored.ip)).toEqual(["192.0.2.1"]);
    // Another tenant sees none of it.
    const other = await tenant();
    expect((await buildBlocklist({ tenantId: other.tenantId, min: 0 })).entries).toEqual([]);
  });
});

describe("readRollups by source", () => {
  const rollup = (ip: string): TIpDayRollup => ({
    day: "2026-10-01",
    ip,
    events: 1,
    distinctPorts: 1,
    ports: { "22": 1 },
    blockedPorts: {},
    protocols: { tcp: 1 },
    actions: { block: 1 },
    firstSeen: "2026-10-01T00:00:00.000Z",
    lastSeen: "2026-10-01T00:00:00.000Z",
  });

  it("returns only the named upload content's rows", async () => {
    const t = await tenant();
    await replaceRollups({
      tenantId: t.tenantId,
      sourceKey: "sha-a",
      rollups: [rollup("192.0.2.1"), rollup("192.0.2.2")],
    });
    await replaceRollups({ tenantId: t.tenantId, sourceKey: "sha-b", rollups: [rollup("192.0.2.3")] });
    const ips: string[] = [];
    for await (const { rollup: r, sourceKey } of readRollups({
      tenantId: t.tenantId,
      sourceKey: "sha-a",
      pageSize: 1,
    })) {
      expect(sourceKey).toBe("sha-a");
      ips.push(r.ip);
    }
    expect(ips).toEqual(["192.0.2.1", "192.0.2.2"]);
  });
});
