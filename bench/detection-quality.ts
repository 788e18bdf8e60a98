/**
 * Detection quality, day-forward: the learned model against the decayed-presence heuristic, LWOL,
 * GWOL and the plain feed, on generated worlds (two profiles, two seeds each) and on the world built
 * from the public reference lists. Each world's last TEST_DAYS days are backtested with core's
 * dayForwardBacktest: trained as the worker trains (7 label days, cap 10,000 rows, full grid), scored
 * on the day's sources, the never-seen ones apart, plus held-out benign addresses.
 * Run: node --import tsx bench/detection-quality.ts [scale=0.5] [testDays=5] [seeds=1,2]
 */
import { execSync } from "node:child_process";
import { writeFileSync, mkdirSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { loadAsnTable } from "../packages/core/src/asn/index.ts";
import {
  backtestWorld,
  ENTERPRISE_EDGE,
  formatBlocklist,
  formatSlice,
  HONEYPOT_SSH,
  loadReferenceLists,
  RANKERS,
  REFERENCE_LISTS,
  renderBacktestHtml,
  scaleProfile,
  type TSlice,
} from "../packages/core/src/eval/index.ts";

const scale = Number(process.argv[2] ?? 0.5);
const testDays = Number(process.argv[3] ?? 5);
const seeds = (process.argv[4] ?? "1,2").split(",").map(Number);
const started = Date.now();
const [asn, lists] = [await loadAsnTable(), loadReferenceLists()];
const runs = [
  ...seeds.flatMap((seed) => [HONEYPOT_SSH, ENTERPRISE_EDGE].map((profile) => ({ profile, seed }))),
  { profile: REFERENCE_LISTS, seed: seeds[0] ?? 1 },
];
const f3 = (v: number) => v.toFixed(3);
const summary: string[] = [];
const blocklistRows: string[] = [];
mkdirSync("bench/out", { recursive: true });
for (const { profile, seed } of runs) {
  const t = Date.now();
  const { world, result } = await backtestWorld({
    profile: scaleProfile(profile, scale),
    seed,
    asn,
    lists,
    testDays,
    overrides: {
      onDay: (d) =>
        process.stderr.write(`  ${profile.name} seed ${seed} ${d.day}: ${d.seconds.toFixed(0)} s\n`),
    },
  });
  const label = `${profile.name} seed ${seed}`;
  writeFileSync(
    `bench/out/detection-${profile.name}-${seed}.html`,
    renderBacktestHtml(result, { title: label }),
  );
  const p = result.pooled;
  console.log(
    `\n## ${label}: ${world.rollups.length} rollups over ${world.days.length} days, ${world.attackers.length} attackers, feed ${world.feed.length}; ${((Date.now() - t) / 1000).toFixed(0)} s`,
  );
  if (!p) {
    console.log("no day trained", result.skipped);
    continue;
  }
  console.log(formatSlice(p.all, "all sources").join("\n"));
  console.log(formatSlice(p.neverSeen, "never seen before the day").join("\n"));
  console.log(formatBlocklist(p.blocklist).join("\n"));
  const b = p.blocklist;
  blocklistRows.push(
    `| ${label} | ${b.universe} (${b.reachable}) | ` +
      b.oracle.join(" / ") +
      " | " +
      RANKERS.map((r) => b.hits[r].join(" / ")).join(" | ") +
      " |",
  );
  const row = (s: TSlice, which: string) =>
    `| ${label} | ${which} | ${s.rows} (${s.malicious}) | ` +
    RANKERS.map(
      (r) =>
        `${f3(s.rankers[r].auc)} / ${f3(s.rankers[r].sensitivityAtSpec90)} / ${s.rankers[r].hits[0] ?? 0}`,
    ).join(" | ") +
    ` | ${s.oracle[0] ?? 0} | ${f3(s.model.brier)} | ${s.ceilingAuc === null ? "-" : f3(s.ceilingAuc)} |`;
  summary.push(row(p.all, "all"), row(p.neverSeen, "never seen"));
}
console.log(
  `\n| world | rows | rows (malicious) | ${RANKERS.map((r) => `${r} AUC / sens@spec.90 / hits@100`).join(" | ")} | hits@100 max | model Brier | AUC ceiling |`,
);
console.log(`|---|---|---|${RANKERS.map(() => "---").join("|")}|---|---|---|`);
console.log(summary.join("\n"));
console.log(
  `\n| world | universe (malicious on the day) | max @100 / 1k / 10k | ${RANKERS.map((r) => `${r} @100 / 1k / 10k`).join(" | ")} |`,
);
console.log(`|---|---|---|${RANKERS.map(() => "---").join("|")}|`);
console.log(blocklistRows.join("\n"));
const git = (cmd: string) => execSync(cmd, { encoding: "utf8" }).trim();
console.log(
  JSON.stringify({
    scale,
    testDays,
    seeds,
    seconds: Math.round((Date.now() - started) / 1000),
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "",
    memGiB: Math.round(totalmem() / 2 ** 30),
    load: loadavg().map((l) => l.toFixed(2)),
    commit: git("git rev-parse --short HEAD"),
    uncommittedInCore: git("git status --short packages/core/src").split("\n").filter(Boolean).length,
  }),
);
