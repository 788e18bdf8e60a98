/**
 * Issue #21, community pool: T tenants' contributions land in the pool (CommunityContribution, whose
 * triggers keep the per-day aggregates CommunityDay), then one tenant's training reads the pool once
 * and computes its seven label days' community views from it. Prints the seeding time, a daily
 * refresh's time, the read's time and memory, and each view's time.
 *
 *   createdb -h 127.0.0.1 -U postgres mlsec_bench
 *   export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mlsec_bench
 *   npm run db:migrate
 *   node --expose-gc --import tsx bench/community-pool.ts [tenants=100] [sightingsPerTenant=100000] [--rows]
 *
 * The pool: every tenant reports the same number of distinct addresses each day of the training's
 * pool window (poolFrom(asOf, 7) .. asOf, 97 days), 40 % drawn from that day's 2,000 "hot"
 * addresses (mass scanners most tenants see) and 60 % from that day's 30,000 of a churning
 * population of 400,000 (each active about 7.5 days). Seeded, so a rerun finds the rows already
 * there and its seeding is a refresh that changes nothing. `--rows` also times the old read (every
 * pool row as an object, as before CommunityDay) for comparison. Use a database of its own: 10M
 * rows are about 2 GB with their indexes.
 */
import { performance } from "node:perf_hooks";
import { loadAsnTable } from "../packages/core/src/asn/index.ts";
import {
  computeCommunityView,
  poolDaysSightings,
  type TContribution,
} from "../packages/core/src/community/index.ts";
import { addDays } from "../packages/core/src/day/index.ts";
import { closeDb, getDb, readPool, readPoolDays, replaceContributions } from "../packages/db/src/index.ts";
import { poolFrom } from "../packages/pipeline/src/community-pool.ts";
import { seededRandom } from "../packages/core/src/train/seeded-random.ts";

const args = process.argv.slice(2);
const [tenants = 100, perTenant = 100_000] = args.filter((a) => !a.startsWith("--")).map(Number);
const withRows = args.includes("--rows");
// --read-only: the pool is there already (a run before); only the read and the views, so the
// process's memory is the read's and not the seeding's leftovers.
const readOnly = args.includes("--read-only");
const AS_OF = "2026-12-01";
const LABEL_DAYS = 7;
const from = poolFrom(AS_OF, LABEL_DAYS);
const days: string[] = [];
for (let d = from; d < AS_OF; d = addDays(d, 1)) days.push(d);
const perDay = Math.ceil(perTenant / days.length);
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (n: number) => Math.round(n / 2 ** 20);
const mem = () => {
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, buffers: m.arrayBuffers };
};

// The address population: 400,000 churning addresses and 5,000 persistent hot ones in 1,500 /16s.
const rand = seededRandom(21);
const net16 = Array.from({ length: 1500 }, () => {
  let a = 1 + Math.floor(rand() * 223);
  if (a === 10 || a === 127 || a === 100) a = 45;
  return `${a}.${Math.floor(rand() * 256)}`;
});
const address = () =>
  `${net16[Math.floor(rand() * net16.length)]}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`;
const population = Array.from({ length: 400_000 }, address);
const hot = Array.from({ length: 5_000 }, address);

function tenantRows(t: number, dayList: string[]): { day: string; ip: string }[] {
  const r = seededRandom(1000 + t);
  const rows: { day: string; ip: string }[] = [];
  for (const day of dayList) {
    const d = days.indexOf(day) + 1000;
    const seen = new Set<string>();
    while (seen.size < perDay) {
      const ip =
        r() < 0.4
          ? (hot[(d * 37 + Math.floor(r() * 2000)) % hot.length] ?? "")
          : (population[(d * 4000 + Math.floor(r() * 30_000)) % population.length] ?? "");
      seen.add(ip);
    }
    for (const ip of seen) rows.push({ day, ip });
  }
  return rows;
}

const contributor = (t: number) => `bench-pool-t-${t}`;
console.log(
  JSON.stringify({ tenants, perTenant, days: days.length, perDay, from, asOf: AS_OF, node: process.version }),
);

if (!readOnly) {
  await seed();
  await refresh();
}

// 1. Contributions land, tenant by tenant, through the pool's one write path.
async function seed(): Promise<void> {
  const t0 = performance.now();
  let slowest = 0;
  for (let t = 0; t < tenants; t++) {
    const s = performance.now();
    await replaceContributions({
      contributorId: contributor(t),
      from,
      before: AS_OF,
      rows: tenantRows(t, days),
    });
    slowest = Math.max(slowest, performance.now() - s);
  }
  const seedMs = performance.now() - t0;
  const [size] = await getDb().$queryRawUnsafe<
    { rows: bigint; days: bigint; bytes: bigint; dayBytes: bigint }[]
  >(
    `SELECT (SELECT count(*) FROM "CommunityContribution") AS rows, (SELECT count(*) FROM "CommunityDay") AS days,
          pg_total_relation_size('"CommunityContribution"') AS bytes, pg_total_relation_size('"CommunityDay"') AS "dayBytes"`,
  );
  console.log(
    JSON.stringify({
      step: "contributions landed",
      seconds: +(seedMs / 1000).toFixed(1),
      slowestTenantSeconds: +(slowest / 1000).toFixed(1),
      poolRows: Number(size?.rows),
      dayRows: Number(size?.days),
      contributionMb: mb(Number(size?.bytes)),
      communityDayMb: mb(Number(size?.dayBytes)),
    }),
  );
}

// 2. A daily refresh of one tenant: the window moves a day (its oldest day out, a new day in).
async function refresh(): Promise<void> {
  const moved = [...days.slice(1), AS_OF];
  const t0 = performance.now();
  await replaceContributions({
    contributorId: contributor(0),
    from: moved[0] ?? from,
    before: addDays(AS_OF, 1),
    rows: tenantRows(0, moved),
  });
  await replaceContributions({
    contributorId: contributor(0),
    from,
    before: AS_OF,
    rows: tenantRows(0, days),
  });
  console.log(
    JSON.stringify({
      step: "one tenant's refresh, window moved a day and back",
      seconds: +((performance.now() - t0) / 1000).toFixed(2),
    }),
  );
}

// 3. A training's read of the pool, once, and its seven label days' views.
const asn = await loadAsnTable();
const m0 = mem();
let t0 = performance.now();
const pool = await readPoolDays({ from, before: AS_OF });
const readMs = performance.now() - t0;
const m1 = mem();
console.log(
  JSON.stringify({
    step: "training's pool read (readPoolDays)",
    seconds: +(readMs / 1000).toFixed(2),
    sightings: poolDaysSightings(pool),
    entries: pool.length,
    addresses: pool.ips.length,
    heapMb: mb(m1.heap - m0.heap),
    arrayBuffersMb: mb(m1.buffers - m0.buffers),
    rssGrowthMb: mb(m1.rss - m0.rss),
    rssMb: mb(m1.rss),
  }),
);
for (let k = LABEL_DAYS; k >= 1; k--) {
  const asOf = addDays(AS_OF, -k + 1);
  const s = performance.now();
  const view = computeCommunityView(pool, {
    asOf,
    asn,
    exclude: contributor(0),
    publicSources: [],
  });
  console.log(
    JSON.stringify({
      step: "label-day view",
      asOf,
      seconds: +((performance.now() - s) / 1000).toFixed(2),
      ips: view.ips.size,
      nets: view.nets.size,
      as: view.as.size,
      rssMb: mb(process.memoryUsage().rss),
    }),
  );
}

// 4. For comparison: the pool read as every row an object, as training read it before.
if (withRows) {
  const r0 = mem();
  t0 = performance.now();
  const rows: TContribution[] = [];
  for await (const r of readPool({ from, before: AS_OF })) rows.push(r);
  const r1 = mem();
  console.log(
    JSON.stringify({
      step: "old read (readPool, every row an object)",
      seconds: +((performance.now() - t0) / 1000).toFixed(1),
      rows: rows.length,
      heapMb: mb(r1.heap - r0.heap),
      rssMb: mb(r1.rss),
    }),
  );
}
await closeDb();
