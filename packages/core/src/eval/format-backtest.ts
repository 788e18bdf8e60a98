import { RANKERS, type TSlice } from "./day-slice.ts";
import type { TBlocklistHits } from "./blocklist-hits.ts";
import type { TDayForwardResult } from "./day-forward.ts";

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "n/a");

/** A pooled slice as text rows: ranker, AUC, sensitivity at 90% specificity, hits among the slice's rows per list size. */
export function formatSlice(slice: TSlice, label: string): string[] {
  const sizes = slice.listSizes.map((n, i) => `@${n}(max ${slice.oracle[i] ?? 0})`);
  const lines = [`${label}: ${slice.rows} rows, ${slice.malicious} malicious, ${slice.benign} benign`];
  lines.push(
    `  ${"ranker".padEnd(10)} ${"AUC".padStart(6)} ${"sens@.90".padStart(8)}  hits ${sizes.join(" ")}`,
  );
  for (const name of RANKERS) {
    const r = slice.rankers[name];
    lines.push(
      `  ${name.padEnd(10)} ${f3(r.auc).padStart(6)} ${f3(r.sensitivityAtSpec90).padStart(8)}  ${r.hits.map((h) => String(h).padStart(6)).join(" ")}`,
    );
  }
  const m = slice.model;
  const op = (o: typeof m.atBlock) =>
    `sens ${f3(o.sensitivity)} spec ${f3(o.specificity)} LR+ ${o.lrPlus === null ? "inf" : o.lrPlus.toFixed(1)}`;
  lines.push(
    `  model at its threshold: ${op(m.atThreshold)}; review ${m.atReview.threshold}: ${op(m.atReview)}; block ${m.atBlock.threshold}: ${op(m.atBlock)}`,
  );
  lines.push(`  calibration: Brier ${f3(m.brier)}, calibration error ${f3(m.calibrationError)}`);
  // Stored results from before the ceiling was computed have none.
  if (typeof slice.ceilingAuc === "number")
    lines.push(
      `  ceiling: AUC ${f3(slice.ceilingAuc)} at most for any ranker of these features (rows with identical features tied)`,
    );
  return lines;
}

/** Blocklists made before each day: hits among the top N of the same universe, summed over days. */
export function formatBlocklist(b: TBlocklistHits): string[] {
  const lines = [
    `Blocklists made before the day: universe ${b.universe} addresses, ${b.reachable} of them malicious on the day (summed over days)`,
    `  ${"ranker".padEnd(10)} ${b.listSizes.map((n, i) => `@${n}(max ${b.oracle[i] ?? 0})`.padStart(16)).join("")}`,
  ];
  for (const name of RANKERS)
    lines.push(`  ${name.padEnd(10)} ${b.hits[name].map((h) => String(h).padStart(16)).join("")}`);
  return lines;
}

/** The whole backtest as text: a line per day, then the pooled tables. */
export function formatBacktest(result: TDayForwardResult): string {
  const lines = result.days.map(
    (d) =>
      `${d.day}: trained on ${d.trainRows.malicious}+${d.trainRows.benign} rows (C ${d.model.c}, gamma ${d.model.gamma}, CV AUC ${f3(d.model.cvAuc)}); ` +
      `${d.all.rows} rows AUC model ${f3(d.all.rankers.model.auc)} heuristic ${f3(d.all.rankers.heuristic.auc)}; ` +
      `never seen ${d.neverSeen.rows} rows AUC model ${f3(d.neverSeen.rankers.model.auc)} heuristic ${f3(d.neverSeen.rankers.heuristic.auc)} (${d.seconds.toFixed(0)} s)`,
  );
  for (const s of result.skipped) lines.push(`${s.day}: skipped, ${s.note}`);
  if (result.pooled) {
    lines.push("", ...formatSlice(result.pooled.all, "Pooled, all sources"));
    lines.push("", ...formatSlice(result.pooled.neverSeen, "Pooled, never seen before the day"));
    lines.push("", ...formatBlocklist(result.pooled.blocklist));
  }
  return `${lines.join("\n")}\n`;
}
