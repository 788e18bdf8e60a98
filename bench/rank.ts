/**
 * Ranking benchmark: D days x N distinct IPs per day of synthetic rollups (drawn from a pool of P
 * addresses, so sources recur across days as real attackers do), streamed through computeRanks
 * with the real AS table, then topRanked, featuresFor and one incremental day.
 * Run: node --expose-gc --import tsx bench/rank.ts [days=30] [perDay=1000000] [pool=3000000] [mode=both]
 * mode: "objects" (computeRanks over TIpDayRollup objects), "columns" (computeRanksFromColumns over
 * one TRollupColumns batch per day) or "both"; with both, the two snapshots are checked equal.
 */
import { createHash } from "node:crypto";
import { loadavg as osLoadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { loadAsnTable } from "../packages/core/src/asn/index.ts";
import {
  computeRanks,
  computeRanksFromColumns,
  featuresFor,
  topRanked,
  type TRankSnapshot,
  type TRollupColumns,
  updateRanks,
} from "../packages/core/src/rank/index.ts";
import { type TIpDayRollup } from "../packages/core/src/rollup/ip-day-rollup.ts";
import { addressOf, dayText, hash, pick, templates } from "./synthetic-rollups.ts";

const days = Number(process.argv[2] ?? 30);
const perDay = Number(process.argv[3] ?? 1_000_000);
const pool = Number(process.argv[4] ?? 3_000_000);
const mode = process.argv[5] ?? "both";
if (!["objects", "columns", "both"].includes(mode)) throw new Error(`mode must be objects, columns or both`);
const gc = (globalThis as { gc?: () => void }).gc;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const loadavg = () =>
  osLoadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

// Address texts made once: a database cursor or the ingest stream hands the engine ready strings.
let t = performance.now();
const texts: string[] = Array.from({ length: pool }, (_, i) => addressOf(i));
console.log(`address pool: ${pool} texts in ${((performance.now() - t) / 1000).toFixed(1)} s`);

function* rollups(fromDay: number, toDay: number): Generator<TIpDayRollup> {
  for (let d = fromDay; d < toDay; d++) {
    const day = dayText(d);
    const ts = `${day}T12:00:00Z`;
    // k*7 mod pool is a bijection when gcd(7, pool) = 1, so each day's IPs are distinct.
    for (let k = 0; k < perDay; k++) {
      const i = (k * 7 + d * 100_003) % pool;
      const t = templates[pick(hash(i * 31 + d))] ?? templates[0];
      if (!t) continue;
      // An explicit literal: object spread measured ~7 µs per row here, more than the engine's work.
      yield {
        day,
        ip: texts[i] ?? "",
        events: t.events,
        distinctPorts: t.distinctPorts,
        ports: t.ports,
        blockedPorts: t.blockedPorts,
        protocols: t.protocols,
        actions: t.actions,
        firstSeen: ts,
        lastSeen: ts,
      };
    }
  }
}

// The same rows as rollups(), one columnar batch per day (built lazily, so one day is alive at a time).
const templateBlocked = templates.map((t) =>
  Object.entries(t.blockedPorts)
    .filter(([, n]) => n > 0)
    .map(([p]) => Number(p)),
);
function* columns(fromDay: number, toDay: number): Generator<TRollupColumns> {
  for (let d = fromDay; d < toDay; d++) {
    const ip: string[] = new Array<string>(perDay);
    const events = new Uint32Array(perDay);
    const distinctPorts = new Uint32Array(perDay);
    const authFailures = new Uint32Array(perDay);
    const blockedStart = new Uint32Array(perDay + 1);
    const blockedPorts: number[] = [];
    for (let k = 0; k < perDay; k++) {
      const i = (k * 7 + d * 100_003) % pool;
      const which = pick(hash(i * 31 + d));
      const t = templates[which] ?? templates[0];
      ip[k] = texts[i] ?? "";
      events[k] = t?.events ?? 0;
      distinctPorts[k] = t?.distinctPorts ?? 0;
      authFailures[k] = t?.actions["auth-failure"] ?? 0;
      for (const p of templateBlocked[which] ?? []) blockedPorts.push(p);
      blockedStart[k + 1] = blockedPorts.length;
    }
    yield {
      day: dayText(d),
      ip,
      events,
      distinctPorts,
      authFailures,
      blockedStart,
      blockedPorts: Uint16Array.from(blockedPorts),
    };
  }
}

console.log(
  `synthetic: ${days} days x ${perDay} distinct IPs/day from a pool of ${pool} (${days * perDay} rollups)`,
);
const asn = await loadAsnTable();
gc?.();
const base = process.memoryUsage();

t = performance.now();
let count = 0;
const g0 = cpu();
for (const r of rollups(0, days)) count += r.events > 0 ? 1 : 0;
const genS = (performance.now() - t) / 1000;
console.log(
  `objects generator alone: ${count} rollups in ${genS.toFixed(1)} s wall, ${(cpu() - g0).toFixed(1)} s CPU`,
);
t = performance.now();
const k0 = cpu();
count = 0;
for (const b of columns(0, days)) count += b.ip.length;
const colGenS = (performance.now() - t) / 1000;
console.log(
  `columns generator alone: ${count} rows in ${colGenS.toFixed(1)} s wall, ${(cpu() - k0).toFixed(1)} s CPU`,
);

function timed(label: string, genWall: number, run: () => TRankSnapshot): TRankSnapshot {
  gc?.();
  const t0 = performance.now();
  const c0 = cpu();
  const out = run();
  const wall = (performance.now() - t0) / 1000;
  const used = cpu() - c0;
  gc?.();
  const m = process.memoryUsage();
  console.log(
    `${label}: ${wall.toFixed(1)} s wall, ${used.toFixed(1)} s CPU, including the generator (${(wall - genWall).toFixed(1)} s wall engine only); load ${loadavg()}`,
  );
  console.log(
    `  distinct IPs ${out.registry.size}; /24s ${out.agg.neighbourhoods[0]?.sums.size}; /16s ${out.agg.neighbourhoods[1]?.sums.size}; ASes ${out.agg.as.size}`,
  );
  console.log(
    `  memory after: rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}, arrayBuffers ${mb(m.arrayBuffers)} (AS table + engine + address pool; baseline heap+ab ${mb(base.heapUsed + base.arrayBuffers)})`,
  );
  return out;
}

const asOf = dayText(days);
let snap: TRankSnapshot | undefined;
if (mode !== "columns")
  snap = timed("computeRanks (objects)", genS, () => computeRanks(rollups(0, days), { asOf, asn }));
let objects = snap;
if (mode !== "objects") {
  snap = undefined;
  snap = timed("computeRanksFromColumns", colGenS, () =>
    computeRanksFromColumns(columns(0, days), { asOf, asn }),
  );
}
if (!snap) throw new Error("no snapshot");
if (objects) {
  // Same rollups, same order: the two entry points must agree exactly.
  let same = true;
  for (const kind of ["ip", "v4/24", "v4/16", "v6/64", "v6/48", "v6/32", "as"] as const)
    same &&= JSON.stringify(topRanked(objects, kind, 100)) === JSON.stringify(topRanked(snap, kind, 100));
  for (let i = 0; i < 20_000 && same; i++)
    same =
      JSON.stringify(featuresFor(objects, addressOf(i * 13))) ===
      JSON.stringify(featuresFor(snap, addressOf(i * 13)));
  console.log(`objects and columns snapshots identical (top 100 of 7 kinds, 20k feature vectors): ${same}`);
  objects = undefined;
}
console.log(`peak RSS so far (process): ${mb(process.resourceUsage().maxRSS * 1024)}`);
const fingerprint = createHash("sha256");
for (const kind of ["ip", "v4/24", "v4/16", "v6/64", "v6/48", "v6/32", "as"] as const)
  fingerprint.update(JSON.stringify(topRanked(snap, kind, 1000)));
for (let i = 0; i < 50_000; i++) fingerprint.update(JSON.stringify(featuresFor(snap, addressOf(i * 13))));
console.log(
  `result fingerprint (top 1000 of 7 kinds + 50k feature vectors): ${fingerprint.digest("hex").slice(0, 16)}`,
);

t = performance.now();
for (const kind of ["ip", "v4/24", "v4/16", "v6/64", "v6/48", "as"] as const) topRanked(snap, kind, 20);
console.log(`topRanked x6 kinds: ${((performance.now() - t) / 1000).toFixed(2)} s`);

t = performance.now();
let sink = 0;
for (let i = 0; i < 200_000; i++) sink += featuresFor(snap, addressOf(i * 13)).length;
console.log(
  `featuresFor: ${(200_000 / ((performance.now() - t) / 1000) / 1000).toFixed(0)}k IPs/s (${sink / 200_000} features)`,
);

t = performance.now();
const u0 = cpu();
const next = updateRanks(snap, rollups(days, days + 1), dayText(days + 1));
console.log(
  `updateRanks (one new day of ${perDay}): ${((performance.now() - t) / 1000).toFixed(1)} s wall, ${(cpu() - u0).toFixed(1)} s CPU, ${next.registry.size} IPs`,
);
