import { randomUUID } from "node:crypto";
import { poolDaysRows, poolDaysSightings } from "@mlsec/core/community";
import { afterAll, describe, expect, it } from "vitest";
import {
  closeDb,
  getDb,
  readPool,
  readPoolDays,
  replaceContributions,
  setCommunityContribution,
} from "../src/index.ts";
import { seedTenant } from "./factories.ts";

afterAll(closeDb);

// Days and addresses of this file only (other test files share the pool table).
const FROM = "2031-02-01";
const BEFORE = "2031-02-08";
const day = (d: number) => `2031-02-0${d}`;
const ip = (n: number) => `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`;
const rowsOf = (days: number[], ips: number[]) =>
  days.flatMap((d) => ips.map((n) => ({ day: day(d), ip: ip(n) })));

/**
 * (day, ip) pairs where CommunityDay disagrees with the contributors that CommunityContribution
 * holds, over the whole pool: 0 means the aggregate is exactly the rows it is kept from.
 */
async function drift(): Promise<number> {
  const [r] = await getDb().$queryRawUnsafe<{ n: bigint }[]>(
    `WITH truth AS (
       SELECT c."day", c."ip", array_agg(k."id" ORDER BY k."id") AS ids
       FROM "CommunityContribution" c JOIN "CommunityContributor" k ON k."key" = c."contributorId"
       GROUP BY c."day", c."ip"),
     kept AS (
       SELECT "day", "ip", (SELECT array_agg(x ORDER BY x) FROM unnest("contributors") x) AS ids
       FROM "CommunityDay")
     SELECT count(*) AS n FROM truth t FULL JOIN kept k USING ("day", "ip")
     WHERE t.ids IS DISTINCT FROM k.ids`,
  );
  return Number(r?.n ?? -1);
}

/**
 * The window's sightings by `mine` (an earlier run of this file on the same database left its own)
 * as "contributor day ip" text, from the rows and from the aggregate.
 */
async function sightings(mine: string[]): Promise<{ rows: string[]; days: string[] }> {
  const keep = new Set(mine);
  const rows: string[] = [];
  for await (const r of readPool({ from: FROM, before: BEFORE }))
    if (keep.has(r.contributor)) rows.push(`${r.contributor} ${r.day} ${r.ip}`);
  const pool = await readPoolDays({ from: FROM, before: BEFORE });
  const all = [...poolDaysRows(pool)];
  expect(all.length).toBe(poolDaysSightings(pool));
  const days = all.filter((r) => keep.has(r.contributor)).map((r) => `${r.contributor} ${r.day} ${r.ip}`);
  return { rows: rows.sort(), days: days.sort() };
}

const ctids = async (contributorId: string) =>
  (
    await getDb().$queryRawUnsafe<{ t: string }[]>(
      `SELECT ctid::text AS t FROM "CommunityContribution" WHERE "contributorId" = $1 ORDER BY 1`,
      contributorId,
    )
  ).map((r) => r.t);

describe("the community pool's per-day aggregates (CommunityDay)", () => {
  it("stay exactly the contributions through replacements, overlaps, duplicates and withdrawals", async () => {
    const [a, b, c] = [`t-a-${randomUUID()}`, `t-b-${randomUUID()}`, `t-c-${randomUUID()}`];
    const feed = `feed:test-${randomUUID()}`;
    // Overlapping sightings: every address of 0..59 is seen by two or three contributors some days.
    await replaceContributions({
      contributorId: a,
      from: FROM,
      before: BEFORE,
      rows: rowsOf([1, 2, 3], range(0, 40)),
    });
    await replaceContributions({
      contributorId: b,
      from: FROM,
      before: BEFORE,
      rows: rowsOf([2, 3, 4], range(20, 60)),
    });
    await replaceContributions({
      contributorId: feed,
      from: FROM,
      before: BEFORE,
      rows: rowsOf([1, 4], range(0, 60)),
    });
    expect(await drift()).toBe(0);
    const mine = [a, b, c, feed];
    let s = await sightings(mine);
    expect(s.rows.length).toBe(120 + 120 + 120);
    expect(s.days).toEqual(s.rows);

    // A's next refresh: day 1 left the data, day 5 is new, days 2-3 lose half the addresses, and a
    // duplicate row in the input counts once.
    const next = [...rowsOf([2, 3], range(0, 20)), ...rowsOf([5], range(0, 40)), { day: day(5), ip: ip(0) }];
    await replaceContributions({ contributorId: a, from: FROM, before: BEFORE, rows: next });
    expect(await drift()).toBe(0);
    s = await sightings(mine);
    expect(s.rows.filter((r) => r.startsWith(a)).length).toBe(40 + 40);
    expect(s.days).toEqual(s.rows);

    // The same refresh again rewrites nothing: every row of A keeps its place on disk.
    const before = await ctids(a);
    await replaceContributions({ contributorId: a, from: FROM, before: BEFORE, rows: next });
    expect(await ctids(a)).toEqual(before);
    expect(await drift()).toBe(0);

    // Two contributors replacing overlapping rows at once: both land, the aggregate stays exact.
    await Promise.all([
      replaceContributions({
        contributorId: b,
        from: FROM,
        before: BEFORE,
        rows: rowsOf([3, 4, 5], range(10, 50)),
      }),
      replaceContributions({
        contributorId: c,
        from: FROM,
        before: BEFORE,
        rows: rowsOf([3, 4, 5], range(10, 50)),
      }),
    ]);
    expect(await drift()).toBe(0);
    s = await sightings(mine);
    expect(s.days).toEqual(s.rows);
    expect(s.rows.filter((r) => r.startsWith(c)).length).toBe(120);

    // Any statement keeps the aggregate (the database's triggers, not the pool code): a plain
    // delete of the feed's rows, and an update, which the pool refuses (rows are immutable).
    await getDb().communityContribution.deleteMany({ where: { contributorId: feed } });
    expect(await drift()).toBe(0);
    expect((await sightings(mine)).days.some((r) => r.startsWith(feed))).toBe(false);
    await expect(
      getDb().communityContribution.updateMany({ where: { contributorId: a }, data: { ip: "198.18.99.1" } }),
    ).rejects.toThrow(/not updated/);
  });

  it("lose a tenant that withdraws consent, its pseudonym with it", async () => {
    const t = await seedTenant("pool-withdraw");
    const { contributorId } = await setCommunityContribution({ tenantId: t.tenantId, contribute: true });
    if (!contributorId) throw new Error("no pseudonym");
    const other = `t-other-${randomUUID()}`;
    await replaceContributions({
      contributorId,
      from: FROM,
      before: BEFORE,
      rows: rowsOf([6], range(100, 130)),
    });
    await replaceContributions({
      contributorId: other,
      from: FROM,
      before: BEFORE,
      rows: rowsOf([6], range(120, 140)),
    });
    expect(await drift()).toBe(0);

    await setCommunityContribution({ tenantId: t.tenantId, contribute: false });
    expect(await drift()).toBe(0);
    const pool = await readPoolDays({ from: FROM, before: BEFORE });
    expect(pool.contributors).not.toContain(contributorId);
    const day6 = [...poolDaysRows(pool)].filter(
      (r) => r.day === day(6) && (r.contributor === other || r.contributor === contributorId),
    );
    // Only the other contributor's 20 addresses are left on that day; the 20 it alone saw are gone.
    expect(day6.map((r) => r.contributor)).toEqual(Array<string>(20).fill(other));
    const [known] = await getDb().$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "CommunityContributor" WHERE "key" = $1`,
      contributorId,
    );
    expect(Number(known?.n)).toBe(0);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
