import { describe, expect, it } from "vitest";
import { buildAsnTableFromCsv } from "../../src/asn/load-asn-table.ts";
import { computeCommunityView, type TCommunityView } from "../../src/community/community-view.ts";
import type { TContribution } from "../../src/community/contribution.ts";
import {
  PoolDaysBuilder,
  poolDaysFromRows,
  poolDaysRows,
  poolDaysSightings,
} from "../../src/community/pool-days.ts";
import { announcedSize } from "../../src/asn/lookup-asn.ts";
import type { TAsnTable } from "../../src/asn/asn-table.ts";
import { asnOfParsed, canonical, netKey } from "../../src/community/pool-index.ts";
import { asOfDayNumber, dayNumber } from "../../src/day/day-number.ts";
import { isBogonV4, isBogonV6 } from "../../src/net/bogon.ts";
import { neighbourhoodSize } from "../../src/net/network.ts";
import { parseIp } from "../../src/net/parse-ip.ts";
import { decayWeight, DEFAULT_DECAY } from "../../src/rank/decay.ts";
import { seededRandom } from "../../src/train/seeded-random.ts";

// 1.2.0.0/16 is AS64500 and 5.6.0.0/16 AS64501.
const asn = buildAsnTableFromCsv("16908288,16973823,64500,One\n84279296,84344831,64501,Two\n", "");

/** A seeded pool: six tenants and a feed over 20 days, addresses drawn from a few /24s. */
function pool(seed: number): TContribution[] {
  const rand = seededRandom(seed);
  const rows: TContribution[] = [];
  for (let d = 0; d < 20; d++) {
    const day = `2026-03-${String(d + 1).padStart(2, "0")}`;
    for (let n = 0; n < 300; n++) {
      const c = rand() < 0.2 ? "feed:x" : `t-${Math.floor(rand() * 6)}`;
      const net = rand() < 0.5 ? "1.2" : "5.6";
      rows.push({ contributor: c, day, ip: `${net}.${Math.floor(rand() * 4)}.${Math.floor(rand() * 20)}` });
    }
  }
  return rows;
}

const plain = (v: TCommunityView) => ({
  ips: [...v.ips].sort(),
  nets: [...v.nets].sort(),
  as: [...v.as].sort(),
  stats: v.stats,
});

describe("TPoolDays: the pool as per-day aggregates", () => {
  it("holds each contributor once per address and day, and gives the same sightings back", () => {
    const rows = pool(5);
    const days = poolDaysFromRows([...rows, ...rows.slice(0, 100)]);
    const distinct = new Set(rows.map((r) => `${r.contributor}|${r.day}|${r.ip}`));
    expect(poolDaysSightings(days)).toBe(distinct.size);
    expect(new Set([...poolDaysRows(days)].map((r) => `${r.contributor}|${r.day}|${r.ip}`))).toEqual(
      distinct,
    );
    expect(days.length).toBe(new Set(rows.map((r) => `${r.day}|${r.ip}`)).size);
  });

  it("gives computeCommunityView exactly the view the rows give, with or without an excluded tenant", () => {
    for (const seed of [1, 2]) {
      const rows = pool(seed);
      const days = poolDaysFromRows(rows);
      for (const exclude of [null, "t-3"]) {
        const opts = {
          asOf: "2026-03-18",
          asn,
          exclude,
          minContributors: 3,
          publicSources: [{ id: "feed:x", weight: 0.5 }],
        };
        const fromRows = computeCommunityView(rows, opts);
        expect(fromRows.ips.size).toBeGreaterThan(0);
        expect(plain(computeCommunityView(days, opts))).toEqual(plain(fromRows));
      }
    }
  });

  it("computes what the plain definition gives: per-contributor sums capped per entity, k on tenants", () => {
    for (const seed of [3, 4, 5]) {
      const rows = pool(seed);
      for (const opts of [
        { exclude: null, minContributors: 3, contributorCap: 32 },
        { exclude: "t-1", minContributors: 2, contributorCap: 1.5 },
        { exclude: "feed:x", minContributors: 4, contributorCap: 3 },
      ]) {
        const o = { ...opts, asOf: "2026-03-15", asn, publicSources: [{ id: "feed:x", weight: 0.5 }] };
        const got = computeCommunityView(poolDaysFromRows(rows), o);
        const want = referenceView(rows, o);
        expect(got.ips.size).toBeGreaterThan(0);
        for (const [name, a, b] of [
          ["ips", got.ips, want.ips],
          ["nets", got.nets, want.nets],
          ["as", got.as, want.as],
        ] as const) {
          expect([...a.keys()].sort(), name).toEqual([...b.keys()].sort());
          for (const [key, e] of b as Map<string | number, { rank: number; reporters: number }>) {
            const g = (a as Map<string | number, { rank: number; reporters: number }>).get(key);
            expect(g?.reporters, `${name} ${key}`).toBe(e.reporters);
            expect(g?.rank ?? NaN).toBeCloseTo(e.rank, 12);
          }
        }
        expect(got.stats).toEqual(want.stats);
      }
    }
  });

  it("reads entries built column by column as the database reader builds them", () => {
    const b = new PoolDaysBuilder();
    const [a, c, d] = [b.contributor("t-a"), b.contributor("t-c"), b.contributor("t-d")];
    // More entries and members than the builder's first arrays hold, so growth is exercised.
    for (let i = 0; i < 3000; i++) b.add(dayNumber("2026-03-09"), `1.2.${i % 7}.${i % 250}`, [a, c, d]);
    const built = b.finish();
    expect(built.length).toBe(3000);
    expect(poolDaysSightings(built)).toBe(9000);
    const view = computeCommunityView(built, { asOf: "2026-03-10", asn });
    // Every entry has three tenants: every address is visible, at three reporters.
    expect(view.ips.get("1.2.3.3")?.reporters).toBe(3);
    expect(view.stats.tenants).toBe(3);
  });
});

/**
 * The community view spelled out as its definition reads, for comparison: each contributor's decayed
 * sum per address, /24, /16 and AS (maps of maps), capped, tenants' part only at k tenants.
 */
function referenceView(
  rows: TContribution[],
  o: {
    asOf: string;
    asn: TAsnTable;
    exclude: string | null;
    minContributors: number;
    contributorCap: number;
    publicSources: { id: string; weight: number }[];
  },
) {
  const asOfDay = asOfDayNumber(o.asOf);
  const weights = new Map(o.publicSources.map((p) => [p.id, p.weight]));
  const seen = new Set<string>();
  const per = new Map<string, Map<string, number>>();
  const add = (entity: string, c: string, w: number) => {
    const m = per.get(entity) ?? new Map<string, number>();
    m.set(c, (m.get(c) ?? 0) + w);
    per.set(entity, m);
  };
  const sizes = new Map<string, number>();
  const contributors = new Set<string>();
  for (const r of rows) {
    if (r.contributor === o.exclude || seen.has(`${r.contributor}|${r.day}|${r.ip}`)) continue;
    seen.add(`${r.contributor}|${r.day}|${r.ip}`);
    const day = dayNumber(r.day);
    if (day >= asOfDay) continue;
    const w = decayWeight(DEFAULT_DECAY, asOfDay - day) * (weights.get(r.contributor) ?? 1);
    if (!(w > 0)) continue;
    contributors.add(r.contributor);
    const parsed = parseIp(r.ip);
    if (!parsed) continue;
    add(`ip ${canonical(parsed)}`, r.contributor, w);
    sizes.set(`ip ${canonical(parsed)}`, 1);
    if (parsed.family === 4 ? isBogonV4(parsed.v4) : isBogonV6(parsed.words)) continue;
    for (const p of parsed.family === 4 ? [24, 16] : [64, 48]) {
      add(`net ${netKey(parsed, p)}`, r.contributor, w);
      sizes.set(`net ${netKey(parsed, p)}`, neighbourhoodSize(parsed.family, p));
    }
    const a = asnOfParsed(o.asn, parsed);
    if (a) {
      add(`as ${a}`, r.contributor, w);
      sizes.set(`as ${a}`, announcedSize(o.asn, a).v4);
    }
  }
  const out = {
    ips: new Map<string, { rank: number; reporters: number }>(),
    nets: new Map<string, { rank: number; reporters: number }>(),
    as: new Map<number, { rank: number; reporters: number }>(),
    stats: { contributors: contributors.size, tenants: 0, ipsReported: 0, ipsHidden: 0 },
  };
  out.stats.tenants = [...contributors].filter((c) => !weights.has(c)).length;
  for (const [entity, m] of per) {
    const tenants = [...m.keys()].filter((c) => !weights.has(c)).length;
    let rank = 0;
    let reporters = 0;
    for (const [c, v] of m)
      if (weights.has(c) || tenants >= o.minContributors) {
        rank += Math.min(o.contributorCap, v);
        reporters++;
      }
    const [kind, key = ""] = entity.split(" ");
    if (kind === "ip") out.stats.ipsReported++;
    if (!(rank > 0)) {
      if (kind === "ip") out.stats.ipsHidden++;
      continue;
    }
    const e = { rank: rank / (sizes.get(entity) ?? 1), reporters };
    if (kind === "ip") out.ips.set(key, e);
    else if (kind === "net") out.nets.set(key, e);
    else out.as.set(Number(key), e);
  }
  return out;
}
