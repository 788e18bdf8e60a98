import { afterAll, describe, expect, it } from "vitest";
import type { TIpDayRollup } from "@mlsec/core/rollup";
import {
  closeDb,
  deleteRollupsBefore,
  getDb,
  maintainRollupPartitions,
  readAddressRollups,
  readRollups,
  replaceRollups,
  rollupDays,
  withPartitionClient,
} from "../src/index.ts";
import { rollupPageQuery } from "../src/rollups.ts";
import { rollupDaysQuery } from "../src/rollup-catalogue.ts";
import { DELETE_ROLLUPS_IN } from "../src/retention.ts";
import { seedTenant } from "./factories.ts";

// IpDayRollup's monthly partitions (migration 20261218080000_rollup_partitions): the statements the
// code issues read only the partitions their day filter needs, on the real PostgreSQL.

afterAll(closeDb);

const rollup = (ip: string, day: string): TIpDayRollup => ({
  day,
  ip,
  events: 4,
  distinctPorts: 1,
  ports: { "22": 4 },
  blockedPorts: { "22": 4 },
  protocols: { tcp: 4 },
  actions: { block: 4 },
  firstSeen: `${day}T01:00:00.000Z`,
  lastSeen: `${day}T02:00:00.000Z`,
});

type TPlanNode = { "Relation Name"?: string; Plans?: TPlanNode[] };

/**
 * The partitions a plan reads, from EXPLAIN (FORMAT JSON): every "Relation Name" in its tree but the
 * parent's own (a DELETE's ModifyTable node names its target, the parent, and scans nothing).
 */
async function scanned(sql: string, params: unknown[]): Promise<string[]> {
  const rows = await getDb().$queryRawUnsafe<{ "QUERY PLAN": { Plan: TPlanNode }[] }[]>(
    `EXPLAIN (FORMAT JSON) ${sql}`,
    ...params,
  );
  const out = new Set<string>();
  const walk = (n: TPlanNode) => {
    if (n["Relation Name"] && n["Relation Name"] !== "IpDayRollup") out.add(n["Relation Name"]);
    for (const c of n.Plans ?? []) walk(c);
  };
  const plan = rows[0]?.["QUERY PLAN"][0]?.Plan;
  if (plan) walk(plan);
  return [...out].sort();
}

// Months in the past far enough that no other test writes there, one with no partition yet.
const DAYS = ["2021-03-05", "2021-03-20", "2021-04-02", "2021-05-11", "2021-05-30"];

describe("rollup partitions", () => {
  it("writes each month into its own partition, one made by the writer when it was missing", async () => {
    const t = await seedTenant("parts");
    await getDb().$executeRawUnsafe(`DROP TABLE IF EXISTS "IpDayRollup_2021_06"`);
    const rows = [...DAYS, "2021-06-15"].map((d) => rollup("198.51.100.9", d));
    await replaceRollups({ tenantId: t.tenantId, sourceKey: "src", rollups: rows });
    const where = await getDb().$queryRawUnsafe<{ part: string; day: string }[]>(
      `SELECT tableoid::regclass::text AS part, to_char("day", 'YYYY-MM-DD') AS day
         FROM "IpDayRollup" WHERE "tenantId" = $1 ORDER BY 2`,
      t.tenantId,
    );
    expect(where.map((r) => r.part)).toEqual([
      '"IpDayRollup_2021_03"',
      '"IpDayRollup_2021_03"',
      '"IpDayRollup_2021_04"',
      '"IpDayRollup_2021_05"',
      '"IpDayRollup_2021_05"',
      '"IpDayRollup_2021_06"',
    ]);
    // Reads give back what was written, merged or not by partition.
    const back: TIpDayRollup[] = [];
    for await (const r of readRollups({ tenantId: t.tenantId })) back.push(r.rollup);
    expect(back).toEqual(rows);
    expect(await rollupDays({ tenantId: t.tenantId, from: "2021-03-10", before: "2021-05-31" })).toEqual([
      "2021-03-20",
      "2021-04-02",
      "2021-05-11",
      "2021-05-30",
    ]);
    expect(await readAddressRollups({ tenantId: t.tenantId, ips: ["198.51.100.9"] })).toEqual(rows);
  });

  it("prunes the day read, the catalogue and retention's delete to the months they need", async () => {
    const t = await seedTenant("prune");
    const tenantId = t.tenantId;
    const day = rollupPageQuery({ tenantId, from: "2021-04-02", before: "2021-04-03", pageSize: 5000 });
    expect(await scanned(day.sql, day.params)).toEqual(["IpDayRollup_2021_04"]);
    const span = rollupPageQuery({ tenantId, from: "2021-03-01", before: "2021-05-01", pageSize: 5000 });
    expect(await scanned(span.sql, span.params)).toEqual(["IpDayRollup_2021_03", "IpDayRollup_2021_04"]);
    // The catalogue: its first step prunes at plan time; the recursive "next day after" keeps the
    // upper bound's pruning (its lower bound is only known while it runs: pruned at run time).
    const days = rollupDaysQuery({ tenantId, from: "2021-04-01", before: "2021-05-01" });
    const catalogue = await scanned(days.sql, days.params);
    expect(catalogue).toContain("IpDayRollup_2021_04");
    expect(catalogue.every((p) => p <= "IpDayRollup_2021_04" || p === "IpDayRollup_default")).toBe(true);
    expect(catalogue).not.toContain("IpDayRollup_2021_05");
    // Retention's batch: one month's window, one partition.
    expect(await scanned(DELETE_ROLLUPS_IN, [tenantId, "2021-03-01", "2021-04-01", 10_000])).toEqual([
      "IpDayRollup_2021_03",
    ]);
    // The IP page filters by address, not day: it cannot prune, every partition's (tenantId, ip)
    // index is probed (why the grain is monthly, see the migration).
    const ip = await scanned(
      `SELECT * FROM "IpDayRollup" WHERE "tenantId" = $1 AND "ip" = $2 ORDER BY "day", "ip"`,
      [tenantId, "198.51.100.9"],
    );
    const all = await withPartitionClient(
      async (c) =>
        (
          await c.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = '"IpDayRollup"'::regclass`,
          )
        ).rows[0]?.n,
    );
    expect(ip.length).toBe(all);
  });

  it("retention's batches delete exactly the rows before the cut, month by month", async () => {
    const t = await seedTenant("cut");
    const rows = DAYS.flatMap((d) => ["192.0.2.1", "192.0.2.2", "192.0.2.3"].map((ip) => rollup(ip, d)));
    await replaceRollups({ tenantId: t.tenantId, sourceKey: "src", rollups: rows });
    let n = 0;
    for (;;) {
      const k = await deleteRollupsBefore({ tenantId: t.tenantId, cutDay: "2021-05-11", batch: 2 });
      expect(k).toBeLessThanOrEqual(2);
      if (k === 0) break;
      n += k;
    }
    expect(n).toBe(9);
    const left: string[] = [];
    for await (const r of readRollups({ tenantId: t.tenantId })) left.push(r.rollup.day);
    expect(left.sort()).toEqual([
      "2021-05-11",
      "2021-05-11",
      "2021-05-11",
      "2021-05-30",
      "2021-05-30",
      "2021-05-30",
    ]);
  });

  it("maintenance moves rows that reached DEFAULT into their month and makes months ahead", async () => {
    const t = await seedTenant("stray");
    // Months no other test writes into, missing at the start of every run of this test.
    for (const m of ["2020_02", "2031_01", "2031_02", "2031_03", "2031_04"])
      await getDb().$executeRawUnsafe(`DROP TABLE IF EXISTS "IpDayRollup_${m}"`);
    // Around the writer (Prisma's own insert): the row lands in DEFAULT.
    await getDb().ipDayRollup.create({
      data: {
        tenantId: t.tenantId,
        sourceKey: "s",
        day: new Date("2020-02-10T00:00:00Z"),
        ip: "192.0.2.7",
        events: 1,
        distinctPorts: 1,
        ports: {},
        blockedPorts: {},
        protocols: {},
        actions: {},
        firstSeen: new Date("2020-02-10T00:00:00Z"),
        lastSeen: new Date("2020-02-10T00:00:00Z"),
      },
    });
    const part = () =>
      getDb().$queryRawUnsafe<{ p: string }[]>(
        `SELECT tableoid::regclass::text AS p FROM "IpDayRollup" WHERE "tenantId" = $1`,
        t.tenantId,
      );
    expect(await part()).toEqual([{ p: '"IpDayRollup_default"' }]);
    const result = await maintainRollupPartitions({ today: "2031-01-15" });
    expect(result.created).toEqual([
      "IpDayRollup_2020_02",
      "IpDayRollup_2031_01",
      "IpDayRollup_2031_02",
      "IpDayRollup_2031_03",
      "IpDayRollup_2031_04",
    ]);
    expect(result.movedFromDefault).toBeGreaterThanOrEqual(1);
    expect(await part()).toEqual([{ p: '"IpDayRollup_2020_02"' }]);
    const again = await maintainRollupPartitions({ today: "2031-01-15" });
    expect(again).toEqual({ created: [], movedFromDefault: 0 });
  });
});
