/**
 * Community intelligence backtest: does a tenant's model score its new arrivals better with the
 * community pool's columns than with its own data alone?
 *
 * A seeded multi-tenant split: attackers drawn from /24s that IPsum lists at least twice (the
 * paper's bad neighbourhoods) run campaigns over D days; on each active day an attacker hits each
 * tenant with that tenant's probability, so every tenant sees a different slice of one internet.
 * Benign sources are allowed-only traffic from provider ranges. The target tenant (the smallest
 * slice) is backtested with core's backtestFromRollups (train as of day X, score X's new arrivals)
 * twice: own rollups only, and own + the other tenants' pool contributions (k = 3, default cap).
 * Run: npx tsx bench/community-backtest.ts [days=35] [testDays=3] [attackers=1500] [seed=7]
 */
import { readFileSync } from "node:fs";
import { loadavg, cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadAsnTable } from "../packages/core/src/asn/index.ts";
import { contributionsFromRollups } from "../packages/core/src/community/index.ts";
import { backtestFromRollups } from "../packages/core/src/pipeline/backtest-from-rollups.ts";
import { DEFAULT_DECAY } from "../packages/core/src/rank/index.ts";
import { type TIpDayRollup } from "../packages/core/src/rollup/ip-day-rollup.ts";

const days = Number(process.argv[2] ?? 35);
const testDays = Number(process.argv[3] ?? 3);
const attackerCount = Number(process.argv[4] ?? 1500);
let seed = Number(process.argv[5] ?? 7);
const here = fileURLToPath(new URL(".", import.meta.url));
const refDir = join(here, "../../shared/data/reference");

const rand = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const lines = (f: string) =>
  readFileSync(join(refDir, f), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
const ipToInt = (ip: string) => ip.split(".").reduce((a, o) => a * 256 + Number(o), 0);
const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
const randomInCidr = (cidr: string) => {
  const [base, bits] = cidr.split("/");
  return intToIp(ipToInt(base ?? "0.0.0.0") + Math.floor(rand() * 2 ** (32 - Number(bits ?? 32))));
};
const dayOf = (i: number) => new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10);

// The world: attacker addresses in bad /24s, each with one campaign window.
const by24 = new Map<string, string[]>();
for (const l of lines("ipsum.txt")) {
  const ip = l.split(/\s+/)[0] ?? "";
  const key = ip.split(".").slice(0, 3).join(".");
  by24.set(key, [...(by24.get(key) ?? []), ip]);
}
const bad24 = [...by24.keys()].filter((k) => (by24.get(k)?.length ?? 0) >= 2);
const attackers = Array.from({ length: attackerCount }, () => {
  const ip = `${pick(bad24)}.${1 + Math.floor(rand() * 254)}`;
  const start = Math.floor(rand() * days);
  return { ip, start, end: Math.min(days, start + 2 + Math.floor(rand() * 10)) };
});
const benignRanges = [
  "benign-google-ipv4.txt",
  "benign-microsoft-ipv4.txt",
  "benign-cloudflare-ipv4.txt",
].flatMap(lines);
// Tenant 0 is the target: the thinnest slice. The others contribute to the pool.
const TENANTS = [0.12, 0.3, 0.3, 0.35, 0.4, 0.45];
const WATCHED = [22, 23, 445, 3389];

const rollupsOf: TIpDayRollup[][] = TENANTS.map(() => []);
for (let d = 0; d < days; d++) {
  const day = dayOf(d);
  TENANTS.forEach((p, t) => {
    const out = rollupsOf[t] ?? [];
    for (const a of attackers) {
      if (d < a.start || d >= a.end || rand() >= p) continue;
      const port = String(pick(WATCHED));
      out.push({
        day,
        ip: a.ip,
        events: 3,
        distinctPorts: 1,
        ports: { [port]: 3 },
        blockedPorts: { [port]: 3 },
        protocols: { tcp: 3 },
        actions: { block: 3 },
        firstSeen: `${day}T01:00:00Z`,
        lastSeen: `${day}T02:00:00Z`,
      });
    }
    for (let b = 0; b < 60; b++)
      out.push({
        day,
        ip: randomInCidr(pick(benignRanges)),
        events: 2,
        distinctPorts: 1,
        ports: { "443": 2 },
        blockedPorts: {},
        protocols: { tcp: 2 },
        actions: { allow: 2 },
        firstSeen: `${day}T03:00:00Z`,
        lastSeen: `${day}T04:00:00Z`,
      });
  });
}
const pool = rollupsOf.slice(1).flatMap((rows, t) => contributionsFromRollups(rows, `tenant-${t + 1}`));
const target = rollupsOf[0] ?? [];

const asn = await loadAsnTable();
const started = Date.now();
const results: { day: string; own: number; community: number; arrivals: number }[] = [];
for (let k = testDays; k >= 1; k--) {
  const day = dayOf(days - k);
  const common = { rollups: target, day, decay: DEFAULT_DECAY, asn, seed: 1 };
  const own = await backtestFromRollups(common);
  const withPool = await backtestFromRollups({ ...common, community: { rows: pool } });
  if ("note" in own || "note" in withPool) {
    console.log(day, "note" in own ? own.note : "", "note" in withPool ? withPool.note : "");
    continue;
  }
  results.push({ day, own: own.metrics.auc, community: withPool.metrics.auc, arrivals: own.newArrivals });
  console.log(
    `${day}: new arrivals ${own.newArrivals}, test rows ${own.testRows}; AUC own-only ${own.metrics.auc.toFixed(3)} ` +
      `(baseline ${own.baseline?.auc.toFixed(3) ?? "-"}), own+community ${withPool.metrics.auc.toFixed(3)} ` +
      `(baseline ${withPool.baseline?.auc.toFixed(3) ?? "-"})`,
  );
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
console.log(
  JSON.stringify({
    days,
    testDays,
    attackers: attackerCount,
    tenants: TENANTS.length,
    targetRollups: target.length,
    poolRows: pool.length,
    meanAucOwn: Number(mean(results.map((r) => r.own)).toFixed(4)),
    meanAucCommunity: Number(mean(results.map((r) => r.community)).toFixed(4)),
    seconds: Math.round((Date.now() - started) / 1000),
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "",
    load: loadavg().map((l) => l.toFixed(2)),
  }),
);
