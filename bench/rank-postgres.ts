/**
 * PostgreSQL ranking path: writes D days x N synthetic rollups for a fresh tenant with
 * replaceRollups, then times loadTenantRollups (packages/pipeline) and computeRanks on what it
 * returns, as the worker's rank stage does. The tenant (and its rows, by cascade) and its owner are
 * deleted at the end, also on failure. Database: @mlsec/config defaults (127.0.0.1:5432/test).
 * Run: node --expose-gc --import tsx bench/rank-postgres.ts [days=30] [perDay=100000] [pool=300000]
 */
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { loadAsnTable } from "../packages/core/src/asn/index.ts";
import { formatIpv4, formatIpv6 } from "../packages/core/src/net/index.ts";
import { computeRanks } from "../packages/core/src/rank/index.ts";
import { type TIpDayRollup } from "../packages/core/src/rollup/ip-day-rollup.ts";
import { closeDb, createTenantWithOwner, getDb, replaceRollups } from "@mlsec/db";
import { loadTenantRollups } from "@mlsec/pipeline";

const days = Number(process.argv[2] ?? 30);
const perDay = Number(process.argv[3] ?? 100_000);
const pool = Number(process.argv[4] ?? 3 * perDay);
const START = Date.UTC(2024, 0, 1);
const dayText = (d: number) => new Date(START + d * 86_400_000).toISOString().slice(0, 10);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// Same address and behaviour mix as bench/rank.ts.
const hash = (x: number) => {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
};
function addressOf(i: number): string {
  const h = hash(i);
  if (h % 10 !== 0)
    return formatIpv4(((((1 + (h % 20_000)) * 3_331) % 0xdf00) << 16) | (hash(i + 7) & 0xffff));
  return formatIpv6([0x2a000000 + (h % 2_000) * 0x10000, hash(i + 1) & 0xffff, 0, hash(i + 2)]);
}
type TTemplate = Pick<
  TIpDayRollup,
  "events" | "distinctPorts" | "ports" | "blockedPorts" | "protocols" | "actions"
>;
const templates: TTemplate[] = [
  {
    events: 3,
    distinctPorts: 1,
    ports: { "443": 3 },
    blockedPorts: {},
    protocols: { tcp: 3 },
    actions: { allow: 3 },
  },
  {
    events: 4,
    distinctPorts: 1,
    ports: { "22": 4 },
    blockedPorts: { "22": 4 },
    protocols: { tcp: 4 },
    actions: { block: 4 },
  },
  {
    events: 40,
    distinctPorts: 30,
    ports: { "1": 1, "2": 1 },
    blockedPorts: { "1": 1 },
    protocols: { tcp: 40 },
    actions: { block: 40 },
  },
  {
    events: 12,
    distinctPorts: 1,
    ports: { "8443": 12 },
    blockedPorts: {},
    protocols: { tcp: 12 },
    actions: { "auth-failure": 12 },
  },
];
const pick = (h: number) => {
  const r = h % 100;
  return r < 70 ? 0 : r < 82 ? 1 : r < 94 ? 2 : 3;
};
function dayRollups(d: number): TIpDayRollup[] {
  const day = dayText(d);
  const ts = `${day}T12:00:00.000Z`;
  const out: TIpDayRollup[] = [];
  for (let k = 0; k < perDay; k++) {
    const i = (k * 7 + d * 100_003) % pool;
    const t = templates[pick(hash(i * 31 + d))] ?? templates[0];
    if (t) out.push({ day, ip: addressOf(i), ...t, firstSeen: ts, lastSeen: ts });
  }
  return out;
}

const rows = days * perDay;
console.log(
  `PostgreSQL path: ${days} days x ${perDay} distinct IPs/day from a pool of ${pool} (${rows} rollups); load ${load()}`,
);
const suffix = randomUUID().slice(0, 8);
const { tenantId, userId } = await createTenantWithOwner({
  name: `bench-rank-${suffix}`,
  email: `bench-rank-${suffix}@example.invalid`,
  password: `bench-${randomUUID()}`,
});
try {
  // One source per day, as one upload per day would write.
  let t = performance.now();
  for (let d = 0; d < days; d++)
    await replaceRollups({ tenantId, sourceKey: `bench/${dayText(d)}`, rollups: dayRollups(d) });
  const writeS = (performance.now() - t) / 1000;
  console.log(
    `write (replaceRollups): ${writeS.toFixed(1)} s, ${(rows / writeS / 1000).toFixed(1)}k rows/s; load ${load()}`,
  );

  const asn = await loadAsnTable();
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  t = performance.now();
  let c0 = cpu();
  const rollups = await loadTenantRollups({ tenantId, from: dayText(0), before: dayText(days) });
  const readS = (performance.now() - t) / 1000;
  console.log(
    `read (loadTenantRollups): ${rollups.length} rollups in ${readS.toFixed(1)} s wall, ${(cpu() - c0).toFixed(1)} s CPU, ${(rollups.length / readS / 1000).toFixed(1)}k rows/s; rss ${mb(process.memoryUsage().rss)} (was ${mb(before)}); load ${load()}`,
  );

  t = performance.now();
  c0 = cpu();
  const snap = computeRanks(rollups, { asOf: dayText(days), asn });
  const rankS = (performance.now() - t) / 1000;
  console.log(
    `rank (computeRanks): ${snap.registry.size} IPs in ${rankS.toFixed(1)} s wall, ${(cpu() - c0).toFixed(1)} s CPU, ${(rollups.length / rankS / 1000).toFixed(0)}k rows/s; load ${load()}`,
  );
  console.log(`peak RSS (process): ${mb(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  const db = getDb();
  await db.tenant.delete({ where: { id: tenantId } });
  await db.user.delete({ where: { id: userId } });
  await closeDb();
  console.log(`tenant ${tenantId} and its owner deleted`);
}
