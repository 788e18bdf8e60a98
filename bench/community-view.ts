/**
 * Cost of one community view (what training computes per label day and a report once): a pool of
 * F feed addresses listed every day plus T tenants reporting N addresses a day, over D days,
 * through computeCommunityView with the real AS table.
 * Run: node --expose-gc --import tsx bench/community-view.ts [days=90] [feedIps=14000] [tenants=5] [perDay=2000]
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { loadAsnTable } from "../packages/core/src/asn/index.ts";
import { computeCommunityView, type TContribution } from "../packages/core/src/community/index.ts";

const [days = 90, feedIps = 14000, tenants = 5, perDay = 2000] = process.argv.slice(2).map(Number);
let seed = 3;
const rand = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const ip = () =>
  `${1 + Math.floor(rand() * 222)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}`;
const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
const feed = Array.from({ length: feedIps }, ip);
const shared = Array.from({ length: perDay * 10 }, ip);
const rows: TContribution[] = [];
for (let d = 0; d < days; d++) {
  for (const a of feed) rows.push({ contributor: "feed:ipsum", day: day(d), ip: a });
  for (let t = 0; t < tenants; t++)
    for (let k = 0; k < perDay; k++)
      rows.push({ contributor: `t-${t}`, day: day(d), ip: shared[Math.floor(rand() * shared.length)] ?? "" });
}
const asn = await loadAsnTable();
(globalThis as { gc?: () => void }).gc?.();
const heap0 = process.memoryUsage().heapUsed;
const t0 = performance.now();
const view = computeCommunityView(rows, {
  asOf: day(days),
  asn,
  publicSources: [{ id: "feed:ipsum", weight: 0.5 }],
});
const ms = performance.now() - t0;
console.log(
  JSON.stringify({
    rows: rows.length,
    ms: Math.round(ms),
    heapMb: Math.round((process.memoryUsage().heapUsed - heap0) / 2 ** 20),
    ips: view.ips.size,
    nets: view.nets.size,
    as: view.as.size,
    load: loadavg().map((l) => l.toFixed(2)),
  }),
);
