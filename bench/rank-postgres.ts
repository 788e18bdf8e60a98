/**
 * PostgreSQL ranking path, as the worker's rank stage runs it: writes D days x N synthetic rollups
 * for a fresh tenant (one source per day, as one upload per day would), then times
 * refreshTenantRanks (packages/pipeline) twice: a full build as of day D-1 (no stored snapshot) and
 * the incremental step that adds day D-1 on top of the stored snapshot, then the train stage's
 * history read (loadLabelDayHistory: 7 label days and the ranks as of each). With `--old` it also times
 * the previous path (loadTenantRollups of the whole horizon, then computeRanks) for comparison.
 * The tenant (rows by cascade), its owner and its snapshot object are deleted at the end, also on
 * failure. Needs PostgreSQL and the S3 server (`npm run s3:start`) at @mlsec/config's defaults.
 * Run: node --expose-gc --import tsx bench/rank-postgres.ts [days=30] [perDay=100000] [pool=300000] [--old]
 */
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { loadAsnTable } from "../packages/core/src/asn/index.ts";
import { computeRanks, DEFAULT_CLUSTERS, DEFAULT_DECAY } from "../packages/core/src/rank/index.ts";
import { type TIpDayRollup } from "../packages/core/src/rollup/ip-day-rollup.ts";
import { closeDb, createTenantWithOwner, deleteTenant, getDb, replaceRollups } from "@mlsec/db";
import { loadTenantRollups, refreshTenantRanks, loadLabelDayHistory } from "@mlsec/pipeline";
import { deleteObject, ensureBucket, tenantRanksKey } from "@mlsec/storage";
import { addressOf, dayText, hash, pick, templates } from "./synthetic-rollups.ts";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const days = Number(args[0] ?? 30);
const perDay = Number(args[1] ?? 100_000);
const pool = Number(args[2] ?? 3 * perDay);
const withOld = process.argv.includes("--old");
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function dayRollups(d: number): TIpDayRollup[] {
  const day = dayText(d);
  const ts = `${day}T12:00:00.000Z`;
  const out: TIpDayRollup[] = [];
  // Two pool indices can hash to one address; a day holds one rollup per address, as ingest writes.
  const seen = new Set<string>();
  for (let k = 0; k < perDay; k++) {
    const i = (k * 7 + d * 100_003) % pool;
    const ip = addressOf(i);
    const t = templates[pick(hash(i * 31 + d))] ?? templates[0];
    if (t && !seen.has(ip)) out.push({ day, ip, ...t, firstSeen: ts, lastSeen: ts });
    seen.add(ip);
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
  const t = performance.now();
  for (let d = 0; d < days; d++)
    await replaceRollups({ tenantId, sourceKey: `bench/${dayText(d)}`, rollups: dayRollups(d) });
  const writeS = (performance.now() - t) / 1000;
  console.log(
    `write (replaceRollups): ${writeS.toFixed(1)} s, ${(rows / writeS / 1000).toFixed(1)}k rows/s; load ${load()}`,
  );

  const asn = await loadAsnTable();
  await ensureBucket();
  const peak = rssSampler();
  const step = async <T>(label: string, run: () => Promise<T>, describe: (r: T, s: number) => string) => {
    (globalThis as { gc?: () => void }).gc?.();
    const rss0 = process.memoryUsage().rss;
    peak.reset();
    const t0 = performance.now();
    const c0 = cpu();
    const result = await run();
    const wall = (performance.now() - t0) / 1000;
    console.log(
      `${label}: ${describe(result, wall)} in ${wall.toFixed(1)} s wall, ${(cpu() - c0).toFixed(1)} s CPU; rss ${mb(rss0)} -> peak ${mb(peak.max())}; load ${load()}`,
    );
    return result;
  };
  const rank = (asOf: string) => refreshTenantRanks({ tenantId, rank: { asOf, asn } });

  const full = await step(
    `rank stage, full build as of ${dayText(days - 1)}`,
    () => rank(dayText(days - 1)),
    (r, wall) =>
      `${r.mode}, ${r.daysRead.length} days, ${r.snapshot.registry.size} IPs, ${((perDay * r.daysRead.length) / wall / 1000).toFixed(1)}k rows/s`,
  );
  await step(
    `rank stage, incremental to ${dayText(days)}`,
    () => rank(dayText(days)),
    (r) =>
      `${r.mode}, re-read ${r.daysRead.join(",")}, ${r.snapshot.registry.size} IPs (was ${full.snapshot.registry.size})`,
  );
  await step(
    `train stage history (7 label days before ${dayText(days)})`,
    () =>
      loadLabelDayHistory({
        tenantId,
        asOf: dayText(days),
        labelDays: 7,
        rank: { decay: DEFAULT_DECAY, clusters: DEFAULT_CLUSTERS, asn },
      }),
    (r) => `${r.rollups.length} label-day rollups, ${r.snapshots.size} snapshots`,
  );
  if (withOld) {
    const rollups = await step(
      "old path, read (loadTenantRollups)",
      () => loadTenantRollups({ tenantId, from: dayText(0), before: dayText(days) }),
      (r) => `${r.length} rollups`,
    );
    await step(
      "old path, rank (computeRanks)",
      () => Promise.resolve(computeRanks(rollups, { asOf: dayText(days), asn })),
      (r) => `${r.registry.size} IPs`,
    );
  }
  peak.stop();
  console.log(`peak RSS (process): ${mb(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  await deleteObject(tenantRanksKey(tenantId)).catch(() => undefined);
  await deleteTenant(tenantId);
  await getDb().user.delete({ where: { id: userId } });
  await closeDb();
  console.log(`tenant ${tenantId} and its owner deleted`);
}

/** Peak resident memory between resets, sampled every 50 ms (maxRSS covers the whole process). */
function rssSampler() {
  let max = 0;
  const timer = setInterval(() => (max = Math.max(max, process.memoryUsage().rss)), 50);
  return {
    reset: () => (max = process.memoryUsage().rss),
    max: () => Math.max(max, process.memoryUsage().rss),
    stop: () => clearInterval(timer),
  };
}
