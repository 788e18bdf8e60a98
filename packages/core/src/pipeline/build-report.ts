import { dayNumber } from "../day/day-number.ts";
import { DEFAULT_HALF_LIFE_DAYS } from "../rank/decay.ts";
import { REPORT_SCHEMA_VERSION, type TReport, type TScoredIp } from "../report/report-schema.ts";
import { summariseGroups } from "../report/summarise-groups.ts";
import type { TTrafficSummary } from "../report/summarise-traffic.ts";
import { expectedFalseBlocks } from "../score/expected-false-blocks.ts";
import { DEFAULT_TRIAGE, type TTriageThresholds } from "../score/triage.ts";
import type { TTrainedModel } from "../train/types.ts";

export type TIngestFacts = {
  lines: number;
  events: number;
  rejected: number;
  byFormat: Record<string, number>;
  rejectedByReason: Record<string, number>;
  rejectedSamples: { reason: string; line: number; text: string }[];
  sources: number;
  first: string | null;
  last: string | null;
};

/** Assembles the report every upload gets, from what ingest counted and how the IPs scored. */
export function buildReport(opts: {
  uploadId: string | null;
  asOf: string;
  ingest: TIngestFacts;
  scored: TScoredIp[];
  model: TTrainedModel | null;
  modelVersion: number | null;
  modelNote: string | null;
  /** Per-day and per-port counts from the upload's rollups (summariseTraffic); empty when absent. */
  traffic?: TTrafficSummary;
  triage?: TTriageThresholds;
  halfLifeDays?: number;
  now?: Date;
}): TReport {
  const buckets = { block: 0, review: 0, allow: 0 };
  for (const s of opts.scored) buckets[s.bucket]++;
  const m = opts.model;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    uploadId: opts.uploadId,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    asOf: opts.asOf,
    summary: {
      lines: opts.ingest.lines,
      events: opts.ingest.events,
      rejected: opts.ingest.rejected,
      sources: opts.ingest.sources,
      flagged: opts.scored.filter((s) => s.verdict === "malicious").length,
      first: opts.ingest.first,
      last: opts.ingest.last,
      buckets,
      expectedFalseBlocks: expectedFalseBlocks(opts.scored, daysSpanned(opts.ingest), m !== null),
    },
    formats: opts.ingest.byFormat,
    rejected: { byReason: opts.ingest.rejectedByReason, samples: opts.ingest.rejectedSamples },
    model: m
      ? {
          version: opts.modelVersion,
          c: m.c,
          gamma: m.gamma,
          threshold: m.threshold,
          labelCounts: m.labelCounts,
          metrics: m.metrics,
          baseline: m.baseline ?? null,
        }
      : null,
    modelNote: opts.modelNote,
    triage: opts.triage ?? DEFAULT_TRIAGE,
    halfLifeDays: opts.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS,
    daily: opts.traffic?.daily ?? [],
    topPorts: opts.traffic?.topPorts ?? [],
    ...summariseGroups(opts.scored),
    ips: opts.scored,
  };
}

/** UTC days from the first to the last event, both counted (1 for a one-day log). */
function daysSpanned(ingest: TIngestFacts): number {
  if (!ingest.first || !ingest.last) return 1;
  const span = dayNumber(ingest.last.slice(0, 10)) - dayNumber(ingest.first.slice(0, 10)) + 1;
  return Number.isFinite(span) ? Math.max(1, span) : 1;
}
