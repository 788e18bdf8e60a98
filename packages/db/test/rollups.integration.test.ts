import { afterAll, describe, expect, it } from "vitest";
import { toRollupJson, type TIpDayRollup } from "@mlsec/core/rollup";
import {
  closeDb,
  countRollups,
  deleteTenant,
  getTenant,
  openRollupWriter,
  readRollups,
  replaceRollups,
} from "../src/index.ts";
import { seedTenant } from "./factories.ts";

afterAll(closeDb);

const rollup = (ip: string, day: string, events: number): TIpDayRollup => ({
  day,
  ip,
  events,
  distinctPorts: 2,
  ports: { "22": events - 1, "3389": 1 },
  blockedPorts: { "22": events - 1 },
  protocols: { tcp: events },
  actions: { block: events },
  firstSeen: `${day}T01:02:03.000Z`,
  lastSeen: `${day}T23:59:59.000Z`,
});

describe("rollup storage", () => {
  it("writing the same source twice leaves exactly what one write leaves", async () => {
    const t = await seedTenant("roll");
    const rows = [rollup("198.51.100.7", "2026-01-02", 5), rollup("2001:db8::1", "2026-01-03", 3)];
    await replaceRollups({ tenantId: t.tenantId, sourceKey: "sha-1", rollups: rows });
    const once = await collect(t.tenantId);
    await replaceRollups({ tenantId: t.tenantId, sourceKey: "sha-1", rollups: rows });
    const twice = await collect(t.tenantId);
    expect(twice).toEqual(once);
    expect(await countRollups({ tenantId: t.tenantId })).toBe(2);
    expect(once.map((r) => r.rollup)).toEqual(expect.arrayContaining(rows));
  });

  it("keeps a protocol name with a backslash, tab, line breaks and quotes through COPY, twice", async () => {
    const t = await seedTenant("esc");
    const odd = { ...rollup("198.51.100.8", "2026-01-04", 2), protocols: { 'we\\ird\t"proto"\n\r': 2 } };
    await replaceRollups({ tenantId: t.tenantId, sourceKey: "s", rollups: [odd] });
    // The second write goes through the staging table and the upsert.
    await replaceRollups({ tenantId: t.tenantId, sourceKey: "s", rollups: [odd] });
    expect((await collect(t.tenantId)).map((r) => r.rollup)).toEqual([odd]);
  });

  it("deleting a tenant deletes its rollups (no foreign key cascades there) and no one else's", async () => {
    const gone = await seedTenant("gone");
    const kept = await seedTenant("kept");
    for (const t of [gone, kept])
      await replaceRollups({
        tenantId: t.tenantId,
        sourceKey: "s",
        rollups: [rollup("192.0.2.1", "2026-01-05", 3)],
      });
    await deleteTenant(gone.tenantId);
    expect(await getTenant(gone.tenantId)).toBeNull();
    expect(await countRollups({ tenantId: gone.tenantId })).toBe(0);
    expect(await countRollups({ tenantId: kept.tenantId })).toBe(1);
  });

  it("keeps distinct sources apart and filters by day", async () => {
    const t = await seedTenant("roll2");
    await replaceRollups({
      tenantId: t.tenantId,
      sourceKey: "a",
      rollups: [rollup("203.0.113.9", "2026-02-01", 2)],
    });
    await replaceRollups({
      tenantId: t.tenantId,
      sourceKey: "b",
      rollups: [rollup("203.0.113.9", "2026-02-05", 4)],
    });
    expect(await countRollups({ tenantId: t.tenantId })).toBe(2);
    const early = await collect(t.tenantId, "2026-02-03");
    expect(early.map((r) => r.rollup.day)).toEqual(["2026-02-01"]);
  });

  it("a streamed run's late rows add to its own rows, and re-running it gives the same rows", async () => {
    const t = await seedTenant("roll4");
    const run = async () => {
      const w = await openRollupWriter({ tenantId: t.tenantId, sourceKey: "late" });
      try {
        await w.write(
          [rollup("198.51.100.7", "2026-01-02", 5), rollup("198.51.100.8", "2026-01-02", 2)].map(
            toRollupJson,
          ),
        );
        await w.add([{ ...rollup("198.51.100.7", "2026-01-02", 3), ports: { "443": 3 }, blockedPorts: {} }]);
      } finally {
        await w.close();
      }
      return (await collect(t.tenantId)).map((r) => r.rollup);
    };
    const once = await run();
    const merged = once.find((r) => r.ip === "198.51.100.7");
    expect(merged?.events).toBe(8);
    expect(merged?.ports).toEqual({ "22": 4, "443": 3, "3389": 1 });
    expect(merged?.distinctPorts).toBe(3);
    expect(merged?.actions).toEqual({ block: 8 });
    expect(await run()).toEqual(once);
    expect(await countRollups({ tenantId: t.tenantId })).toBe(2);
  });

  it("adds that overlap in time, for the same rows, lose none of their events", async () => {
    // The ingest sink keeps two batches in flight: two continued batches of the same day (late
    // lines that arrive after the day was handed over, twice) used to read the same old rows and
    // write back old + own, so one batch's events vanished.
    const t = await seedTenant("roll6");
    const ips = Array.from({ length: 300 }, (_, i) => `198.51.${100 + (i >> 8)}.${i & 255}`);
    const w = await openRollupWriter({ tenantId: t.tenantId, sourceKey: "overlap", connections: 2 });
    try {
      await w.write(ips.map((ip) => toRollupJson(rollup(ip, "2026-01-02", 5))));
      await Promise.all(
        Array.from({ length: 6 }, (_, k) => w.add(ips.map((ip) => rollup(ip, "2026-01-02", k + 2)))),
      );
    } finally {
      await w.close();
    }
    const rows = (await collect(t.tenantId)).map((r) => r.rollup);
    expect(rows).toHaveLength(ips.length);
    // 5 written, then 2 + 3 + ... + 7 = 27 added: 32 per row.
    expect(new Set(rows.map((r) => r.events))).toEqual(new Set([32]));
  });

  it("stores text that COPY would otherwise read as separators", async () => {
    const t = await seedTenant("roll5");
    const odd = { ...rollup("2001:db8::2", "2026-01-04", 1), protocols: { "a\\b\tc\nd": 1 } };
    await replaceRollups({ tenantId: t.tenantId, sourceKey: "odd", rollups: [odd] });
    expect((await collect(t.tenantId)).map((r) => r.rollup)).toEqual([odd]);
  });

  it("pages through more rows than one page", async () => {
    const t = await seedTenant("roll3");
    const rows = Array.from({ length: 25 }, (_, i) => rollup(`192.0.2.${i + 1}`, "2026-03-01", i + 2));
    await replaceRollups({ tenantId: t.tenantId, sourceKey: "s", rollups: rows });
    const seen: string[] = [];
    for await (const r of readRollups({ tenantId: t.tenantId, pageSize: 7 })) seen.push(r.rollup.ip);
    expect(new Set(seen).size).toBe(25);
  });
});

async function collect(tenantId: string, before?: string) {
  const out = [];
  for await (const r of readRollups({ tenantId, ...(before ? { before } : {}) })) out.push(r);
  return out;
}
