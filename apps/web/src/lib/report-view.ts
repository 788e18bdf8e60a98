import { z } from "zod";
import { ZDailyRows, ZTopRows } from "./report-extras.ts";

// A lenient reading of the worker's report for display: the page shows what is there and does not
// break when a later worker adds fields or an older report lacks optional ones.
const count = z.number().catch(0);
const optionalText = z.string().nullable().default(null).catch(null);

export const ZIpRow = z.object({
  ip: z.string(),
  events: count,
  score: z.number().nullable().catch(null),
  verdict: z.string().catch("unknown"),
  bucket: z.string().catch("unknown"),
  asn: z.number().nullable().default(null).catch(null),
  asOrg: optionalText,
  country: optionalText,
  reasons: z.array(z.string()).default([]).catch([]),
  features: z.record(z.string(), z.number()).default({}).catch({}),
});
export type TIpRow = z.infer<typeof ZIpRow>;

export const ZReportView = z.object({
  uploadId: optionalText,
  generatedAt: optionalText,
  asOf: optionalText,
  summary: z
    .object({
      lines: count,
      events: count,
      rejected: count,
      sources: count,
      flagged: count,
      first: optionalText,
      last: optionalText,
      buckets: z.object({ block: count, review: count, allow: count }).nullable().default(null).catch(null),
      expectedFalseBlocks: z
        .object({ total: z.number(), perDay: z.number(), days: z.number() })
        .nullable()
        .default(null)
        .catch(null),
    })
    .catch({
      lines: 0,
      events: 0,
      rejected: 0,
      sources: 0,
      flagged: 0,
      first: null,
      last: null,
      buckets: null,
      expectedFalseBlocks: null,
    }),
  formats: z.record(z.string(), z.number()).optional().catch({}),
  rejected: z
    .object({
      byReason: z.record(z.string(), z.number()).optional().catch({}),
      samples: z
        .array(z.object({ reason: z.string(), line: z.number(), text: z.string() }))
        .optional()
        .catch([]),
    })
    .optional()
    .catch({ byReason: {}, samples: [] }),
  model: z
    .object({
      version: z.number().nullable().optional(),
      threshold: z.number().optional().catch(undefined),
      metrics: z.record(z.string(), z.unknown()).optional(),
      baseline: z.record(z.string(), z.unknown()).nullable().optional().catch(null),
    })
    .nullable()
    .default(null)
    .catch(null),
  modelNote: optionalText,
  // Chart inputs added in a later report version: each is read leniently and null when absent.
  daily: ZDailyRows,
  topPorts: ZTopRows,
  topAses: ZTopRows,
  topPrefixes: ZTopRows,
  // Rows that do not even have an IP are dropped rather than failing the whole page.
  ips: z
    .array(z.unknown())
    .catch([])
    .transform((rows) =>
      rows.flatMap((r) => {
        const row = ZIpRow.safeParse(r);
        return row.success ? [row.data] : [];
      }),
    ),
});
export type TReportView = z.infer<typeof ZReportView>;

/** Highest score first, then most events: the order a security team triages in. */
export function rankIps(ips: readonly TIpRow[]): TIpRow[] {
  return [...ips].sort(
    (a, b) => (b.score ?? -1) - (a.score ?? -1) || b.events - a.events || a.ip.localeCompare(b.ip),
  );
}
