import { RANKERS, type TRankerName, type TSlice } from "./day-slice.ts";
import type { TBlocklistHits } from "./blocklist-hits.ts";
import type { TDayForwardResult } from "./day-forward.ts";

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "n/a");
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

const COLOURS: Record<TRankerName, string> = {
  model: "#b91c1c",
  heuristic: "#2563eb",
  lwol: "#15803d",
  gwol: "#7c3aed",
  feed: "#64748b",
};
const LABELS: Record<TRankerName, string> = {
  model: "model",
  heuristic: "heuristic (decayed IP, /24, /16)",
  lwol: "LWOL (own most active)",
  gwol: "GWOL (feed by count)",
  feed: "plain feed",
};

/** AUC per day and ranker as inline SVG lines (no script, no network: the page opens from disk). */
function aucChart(
  result: TDayForwardResult,
  pick: (d: TDayForwardResult["days"][number]) => TSlice,
  title: string,
): string {
  const days = result.days;
  if (days.length === 0) return "";
  const w = 640;
  const h = 180;
  const x = (i: number) => (days.length === 1 ? w / 2 : 40 + (i * (w - 60)) / (days.length - 1));
  const y = (auc: number) => 10 + (1 - auc) * 2 * (h - 20); // 0.5 at the bottom, 1.0 at the top
  const grid = [0.5, 0.6, 0.7, 0.8, 0.9, 1]
    .map(
      (v) =>
        `<line x1="36" x2="${w}" y1="${y(v)}" y2="${y(v)}" stroke="#e2e8f0"/><text x="0" y="${y(v) + 4}" font-size="11">${v.toFixed(1)}</text>`,
    )
    .join("");
  const lines = RANKERS.map((name) => {
    const pts = days.map(
      (d, i) => `${x(i).toFixed(1)},${y(Math.max(0.5, pick(d).rankers[name].auc)).toFixed(1)}`,
    );
    const dots = days
      .map(
        (d, i) =>
          `<circle cx="${x(i).toFixed(1)}" cy="${y(Math.max(0.5, pick(d).rankers[name].auc)).toFixed(1)}" r="3" fill="${COLOURS[name]}"><title>${esc(d.day)} ${LABELS[name]}: AUC ${f3(pick(d).rankers[name].auc)}</title></circle>`,
      )
      .join("");
    return `<polyline fill="none" stroke="${COLOURS[name]}" stroke-width="2" points="${pts.join(" ")}"/>${dots}`;
  }).join("");
  const legend = RANKERS.map(
    (n, i) =>
      `<rect x="${i * 128}" y="${h + 8}" width="10" height="10" fill="${COLOURS[n]}"/><text x="${i * 128 + 14}" y="${h + 17}" font-size="11">${esc(LABELS[n].split(" (")[0] ?? n)}</text>`,
  ).join("");
  return `<figure><figcaption>${esc(title)} (AUC per day; below 0.5 drawn at 0.5)</figcaption><svg width="${w}" height="${h + 26}" role="img" aria-label="${esc(title)}">${grid}${lines}${legend}</svg></figure>`;
}

/** Mean predicted vs observed per tenth, as paired bars. */
function reliabilityChart(slice: TSlice, title: string): string {
  const bw = 24;
  const h = 120;
  const bars = slice.model.reliability
    .map((b, i) => {
      const px = i * (2 * bw + 8);
      const hp = Math.round(b.meanPredicted * h);
      const ho = Math.round(b.observed * h);
      return `<rect x="${px}" y="${h - hp}" width="${bw}" height="${hp}" fill="#94a3b8"><title>${b.lo.toFixed(1)}-${b.hi.toFixed(1)}: mean predicted ${f3(b.meanPredicted)} (${b.n} rows)</title></rect><rect x="${px + bw}" y="${h - ho}" width="${bw}" height="${ho}" fill="#b91c1c"><title>observed ${f3(b.observed)}</title></rect><text x="${px}" y="${h + 14}" font-size="10">${b.lo.toFixed(1)}</text>`;
    })
    .join("");
  return `<figure><figcaption>${esc(title)}: mean predicted (grey) vs observed malicious share (red) per bin; Brier ${f3(slice.model.brier)}, calibration error ${f3(slice.model.calibrationError)}</figcaption><svg width="${10 * (2 * bw + 8)}" height="${h + 20}" role="img" aria-label="${esc(title)}">${bars}</svg></figure>`;
}

function sliceTable(slice: TSlice, title: string): string {
  const head = `<tr><th>ranker</th><th>AUC</th><th>sens @ spec 0.90</th>${slice.listSizes.map((n, i) => `<th>hits @ ${n} (max ${slice.oracle[i] ?? 0})</th>`).join("")}</tr>`;
  const body = RANKERS.map((name) => {
    const r = slice.rankers[name];
    return `<tr><td>${esc(LABELS[name])}</td><td>${f3(r.auc)}</td><td>${pct(r.sensitivityAtSpec90)}</td>${r.hits.map((h) => `<td>${h}</td>`).join("")}</tr>`;
  }).join("");
  const m = slice.model;
  const op = (label: string, o: typeof m.atBlock) =>
    `<tr><td>${label}</td><td>${pct(o.sensitivity)}</td><td>${pct(o.specificity)}</td><td>${o.lrPlus === null ? "inf" : o.lrPlus.toFixed(1)}</td><td>${o.fp}</td></tr>`;
  return `<h3>${esc(title)}: ${slice.rows} rows (${slice.malicious} malicious, ${slice.benign} benign)</h3><table>${head}${body}</table>
<table><tr><th>model at</th><th>sensitivity</th><th>specificity</th><th>LR+</th><th>false positives</th></tr>${op("its own threshold", m.atThreshold)}${op(`review ${m.atReview.threshold}`, m.atReview)}${op(`block ${m.atBlock.threshold}`, m.atBlock)}</table>`;
}

function blocklistTable(b: TBlocklistHits): string {
  const head = `<tr><th>list made before the day</th>${b.listSizes.map((n, i) => `<th>hits @ ${n} (max ${b.oracle[i] ?? 0})</th>`).join("")}</tr>`;
  const body = RANKERS.map(
    (name) => `<tr><td>${esc(LABELS[name])}</td>${b.hits[name].map((h) => `<td>${h}</td>`).join("")}</tr>`,
  ).join("");
  return `<h3>Blocklists: top N of ${b.universe} addresses known before the day (own history and feed), ${b.reachable} malicious on it</h3><table>${head}${body}</table>`;
}

/** A self-contained page of a day-forward backtest: per-day AUC charts, pooled hits tables, calibration. */
export function renderBacktestHtml(result: TDayForwardResult, opts: { title?: string } = {}): string {
  const title = opts.title ?? `Day-forward backtest ${result.from} to ${result.to}`;
  const perDay = result.days
    .map(
      (d) =>
        `<tr><td>${esc(d.day)}</td><td>${d.trainRows.malicious}/${d.trainRows.benign}</td><td>${d.all.rows}</td><td>${f3(d.all.rankers.model.auc)}</td><td>${f3(d.all.rankers.heuristic.auc)}</td><td>${d.neverSeen.rows}</td><td>${f3(d.neverSeen.rankers.model.auc)}</td><td>${f3(d.neverSeen.rankers.heuristic.auc)}</td><td>${d.all.rankers.model.hits[0] ?? 0} / ${d.all.rankers.heuristic.hits[0] ?? 0} / ${d.all.rankers.lwol.hits[0] ?? 0} / ${d.all.rankers.gwol.hits[0] ?? 0}</td></tr>`,
    )
    .join("");
  const pooled = result.pooled;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #cbd5e1;padding:.25rem .5rem;text-align:right}td:first-child,th:first-child{text-align:left}figure{margin:1rem 0}</style></head><body>
<h1>${esc(title)}</h1>
<p>Each day D: a model trained as of D on the label days before it (the worker's path), scoring D's sources and a benign sample from sources training never used; every ranker ranks the same rows. Hits at N among the rows: malicious addresses among the top N of the day's scored rows; blocklist hits: among the top N of every address known before the day. Equal scores are ordered by a seeded hash, and hits are summed over days. ${result.skipped.length ? `Skipped: ${result.skipped.map((s) => `${esc(s.day)} (${esc(s.note)})`).join(", ")}.` : ""}</p>
${aucChart(result, (d) => d.all, "All sources of the day")}
${aucChart(result, (d) => d.neverSeen, "Sources never seen before the day")}
${pooled ? `<h2>Pooled over ${result.days.length} days</h2>${sliceTable(pooled.all, "All sources")}${sliceTable(pooled.neverSeen, "Never seen before the day")}${blocklistTable(pooled.blocklist)}${reliabilityChart(pooled.all, "Calibration, all sources")}` : "<p>No day could be trained.</p>"}
<h2>Per day</h2><table><tr><th>day</th><th>train rows mal/ben</th><th>rows</th><th>model AUC</th><th>heuristic AUC</th><th>never-seen rows</th><th>model AUC</th><th>heuristic AUC</th><th>hits @ ${result.listSizes[0] ?? 0} model / heuristic / LWOL / GWOL</th></tr>${perDay}</table>
<p>Features: ${esc(result.featureNames.join(", "))}</p>
</body></html>
`;
}
