import type { TTopRow } from "./report-extras.ts";
import type { TReportView } from "./report-view.ts";

export type TBuckets = { block: number; review: number; allow: number };
export type TTopChart = { labels: string[]; values: number[]; unit: string };
export type TReportCharts = {
  buckets: TBuckets | null;
  histogram: { labels: string[]; block: number[]; review: number[]; allow: number[] } | null;
  daily: { labels: string[]; events: number[]; flagged: number[] | null } | null;
  topPorts: TTopChart | null;
  topAses: TTopChart | null;
};

const BINS = 20;
const TOP = 10;

/** What the report page's charts draw, from the report; a chart whose data is missing is null. */
export function reportCharts(report: TReportView): TReportCharts {
  return {
    buckets: bucketsOf(report),
    histogram: histogramOf(report),
    daily: report.daily
      ? {
          labels: report.daily.map((d) => d.day),
          events: report.daily.map((d) => d.events),
          flagged: report.daily.some((d) => d.flagged !== null)
            ? report.daily.map((d) => d.flagged ?? 0)
            : null,
        }
      : null,
    topPorts: topOf(report.topPorts, (label) => `port ${label}`),
    topAses: topOf(report.topAses, (label) => label),
  };
}

function bucketsOf(report: TReportView): TBuckets | null {
  if (report.summary.buckets) return report.summary.buckets;
  const counts = { block: 0, review: 0, allow: 0 };
  for (const ip of report.ips) if (ip.bucket in counts) counts[ip.bucket as keyof TBuckets]++;
  return counts.block + counts.review + counts.allow > 0 ? counts : null;
}

/** Scores in 20 bins of 0.05, stacked by bucket so the triage thresholds show as colour changes. */
function histogramOf(report: TReportView): TReportCharts["histogram"] {
  const scored = report.ips.filter((ip) => ip.score !== null);
  if (scored.length === 0) return null;
  const empty = () => new Array<number>(BINS).fill(0);
  const out = { block: empty(), review: empty(), allow: empty() };
  for (const ip of scored) {
    const bin = Math.min(BINS - 1, Math.max(0, Math.floor((ip.score ?? 0) * BINS)));
    const series = ip.bucket === "block" ? out.block : ip.bucket === "review" ? out.review : out.allow;
    series[bin] = (series[bin] ?? 0) + 1;
  }
  const labels = Array.from({ length: BINS }, (_, i) => (i / BINS).toFixed(2));
  return { labels, ...out };
}

/** The first ten rows by events, else by sources: whichever count the report carries. */
function topOf(rows: TTopRow[] | null, label: (l: string) => string): TTopChart | null {
  if (!rows) return null;
  const unit = rows.some((r) => r.events !== null)
    ? "events"
    : rows.some((r) => r.sources !== null)
      ? "sources"
      : null;
  if (!unit) return null;
  const value = (r: TTopRow) => (unit === "events" ? r.events : r.sources) ?? 0;
  const top = [...rows].sort((a, b) => value(b) - value(a)).slice(0, TOP);
  return { labels: top.map((r) => label(r.label)), values: top.map(value), unit };
}
