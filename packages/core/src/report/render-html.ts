import { ASN_ATTRIBUTION_HTML } from "../asn/attribution.ts";
import { GEO_ATTRIBUTION_HTML } from "../geo/attribution.ts";
import type { TReport } from "./report-schema.ts";

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
const pct = (v: number | null | undefined): string =>
  typeof v === "number" ? `${(v * 100).toFixed(1)}%` : "n/a";

/** Horizontal bars as inline SVG: the report must open from disk with no script or network. */
function barChart(title: string, rows: { label: string; value: number; colour: string }[]): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const h = 26;
  const bars = rows
    .map((r, i) => {
      const w = Math.round((r.value / max) * 360);
      return `<text x="0" y="${i * h + 17}" font-size="13">${esc(r.label)}</text><rect x="120" y="${i * h + 4}" width="${w}" height="18" fill="${r.colour}"/><text x="${126 + w}" y="${i * h + 17}" font-size="13">${r.value}</text>`;
    })
    .join("");
  return `<figure><figcaption>${esc(title)}</figcaption><svg width="560" height="${rows.length * h + 6}" role="img" aria-label="${esc(title)}">${bars}</svg></figure>`;
}

function scoreHistogram(report: TReport): string {
  const bins = new Array<number>(10).fill(0);
  for (const ip of report.ips) {
    const bin = Math.min(9, Math.floor(ip.score * 10));
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  return barChart(
    "Source IPs by score",
    bins.map((n, i) => ({
      label: `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`,
      value: n,
      colour: i >= 9 ? "#b91c1c" : i >= 5 ? "#d97706" : "#15803d",
    })),
  );
}

/** Events per day as vertical bars, flagged sources as a line of dots above: inline SVG again. */
function dailyChart(report: TReport): string {
  const days = report.daily;
  if (days.length === 0) return "";
  const w = Math.max(8, Math.min(28, Math.floor(640 / days.length)));
  const maxEvents = Math.max(1, ...days.map((d) => d.events));
  const h = 140;
  const bars = days
    .map((d, i) => {
      const bh = Math.round((d.events / maxEvents) * h);
      const share = d.sources ? d.flagged / d.sources : 0;
      return `<rect x="${i * w}" y="${h - bh}" width="${w - 2}" height="${bh}" fill="#64748b"><title>${esc(d.day)}: ${d.events} events, ${d.sources} sources, ${d.flagged} flagged</title></rect><circle cx="${i * w + (w - 2) / 2}" cy="${Math.round(h - share * h)}" r="3" fill="#b91c1c"/>`;
    })
    .join("");
  const first = days[0]?.day ?? "";
  const last = days.at(-1)?.day ?? "";
  return `<figure><figcaption>Events per day (bars) and share of sources flagged (red dots)</figcaption><svg width="${days.length * w}" height="${h + 20}" role="img" aria-label="Events per day">${bars}<text x="0" y="${h + 15}" font-size="11">${esc(first)}</text><text x="${days.length * w}" y="${h + 15}" font-size="11" text-anchor="end">${esc(last)}</text></svg></figure>`;
}

function topCharts(report: TReport): string {
  const top = <T>(rows: T[], label: (r: T) => string, value: (r: T) => number, colour: string) =>
    rows.slice(0, 10).map((r) => ({ label: label(r).slice(0, 16), value: value(r), colour }));
  const charts = [
    report.topPorts.length
      ? barChart(
          "Top destination ports (events)",
          top(
            report.topPorts,
            (p) => `port ${p.port}`,
            (p) => p.events,
            "#475569",
          ),
        )
      : "",
    report.topAses.length
      ? barChart(
          "Top ASes (flagged sources)",
          top(
            report.topAses,
            (a) => `AS${a.asn} ${a.org}`,
            (a) => a.flagged,
            "#b91c1c",
          ),
        )
      : "",
    report.topPrefixes.length
      ? barChart(
          "Top /24s and /64s (flagged sources)",
          top(
            report.topPrefixes,
            (p) => p.prefix,
            (p) => p.flagged,
            "#b45309",
          ),
        )
      : "",
    report.topCountries.length
      ? barChart(
          "Top countries (flagged sources)",
          top(
            report.topCountries,
            (c) => c.country,
            (c) => c.flagged,
            "#7c3aed",
          ),
        )
      : "",
  ].filter((c) => c !== "");
  return charts.length ? `<div class="charts">${charts.join("\n")}</div>` : "";
}

/** A self-contained HTML page of the report: summary, charts, model metrics and the flagged IPs. */
export function renderReportHtml(report: TReport, opts: { maxRows?: number } = {}): string {
  const s = report.summary;
  const m = report.model;
  const rows = report.ips
    .slice(0, opts.maxRows ?? 2000)
    .map(
      (ip) =>
        `<tr class="${ip.bucket}"><td><code>${esc(ip.ip)}</code></td><td>${ip.events}</td><td>${ip.score.toFixed(3)}</td><td>${ip.verdict}</td><td>${ip.bucket}</td><td>${ip.asn ? `AS${ip.asn} ${esc(ip.asOrg ?? "")}` : ""}</td><td>${esc(ip.country ?? "")}</td><td>${esc(ip.reasons.join("; "))}</td></tr>`,
    )
    .join("\n");
  const metrics = m
    ? `<p>Model ${m.version === null ? "(local)" : `v${m.version}`}: RBF SVM, C=${m.c}, gamma=${m.gamma}, trained on ${m.labelCounts.malicious} malicious and ${m.labelCounts.benign} benign addresses. Cross-validated accuracy ${pct(m.metrics.accuracy as number)}, sensitivity ${pct(m.metrics.sensitivity as number)}, specificity ${pct(m.metrics.specificity as number)}, AUC ${(m.metrics.auc as number).toFixed(3)}${m.baseline ? `; no-learning baseline AUC ${(m.baseline.auc as number).toFixed(3)}` : ""}.</p>`
    : `<p>${esc(report.modelNote ?? "No model.")}</p>`;
  const falseBlocks = s.expectedFalseBlocks
    ? `<p data-testid="expected-false-blocks">Expected benign addresses among the ${s.buckets.block} blocked: ${s.expectedFalseBlocks.total.toFixed(1)} (${s.expectedFalseBlocks.perDay.toFixed(2)} a day over ${s.expectedFalseBlocks.days} day${s.expectedFalseBlocks.days === 1 ? "" : "s"}), the sum of 1 − probability.</p>`
    : "";
  const rejected = Object.entries(report.rejected.byReason)
    .map(([r, n]) => `<li>${esc(r)}: ${n}</li>`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mlsec report</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111;max-width:1200px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
tr.block td:nth-child(5){color:#b91c1c;font-weight:600}tr.review td:nth-child(5){color:#b45309}tr.allow td:nth-child(5){color:#15803d}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem}.card b{display:block;font-size:1.4rem}
figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}.charts{display:flex;gap:2rem;flex-wrap:wrap}
</style></head><body>
<h1>mlsec report</h1>
<p>As of ${esc(report.asOf)} (features use only events before this day) · generated ${esc(report.generatedAt)} · events ${esc(s.first ?? "?")} to ${esc(s.last ?? "?")}</p>
<div class="cards">
<div class="card"><b>${s.lines}</b>lines</div><div class="card"><b>${s.events}</b>events</div><div class="card"><b>${s.rejected}</b>rejected lines</div>
<div class="card"><b>${s.sources}</b>source IPs</div><div class="card"><b>${s.flagged}</b>flagged</div>
</div>
<div class="charts">
${barChart("Triage", [
  { label: "block", value: s.buckets.block, colour: "#b91c1c" },
  { label: "review", value: s.buckets.review, colour: "#d97706" },
  { label: "allow", value: s.buckets.allow, colour: "#15803d" },
])}
${scoreHistogram(report)}
</div>
${dailyChart(report)}
${topCharts(report)}
<h2>Model</h2>${metrics}${falseBlocks}
${rejected ? `<h2>Rejected lines</h2><ul>${rejected}</ul>` : ""}
<h2>Source IPs</h2>
<table><thead><tr><th>IP</th><th>events</th><th>score</th><th>verdict</th><th>bucket</th><th>AS</th><th>country</th><th>why</th></tr></thead><tbody>
${rows}
</tbody></table>
${report.ips.length > (opts.maxRows ?? 2000) ? `<p>Showing the first ${opts.maxRows ?? 2000} of ${report.ips.length}; the JSON report has all.</p>` : ""}
<footer><p>${ASN_ATTRIBUTION_HTML}</p><p>${GEO_ATTRIBUTION_HTML}</p></footer>
</body></html>
`;
}
