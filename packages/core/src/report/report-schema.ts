import { z } from "zod";

/** Bumped whenever a field changes meaning or disappears; adding optional fields keeps the version. */
export const REPORT_SCHEMA_VERSION = 1;

export const ZVerdict = z.enum(["malicious", "benign"]);
export const ZBucket = z.enum(["block", "review", "allow"]);

export const ZScoredIp = z.object({
  ip: z.string(),
  events: z.number().int().nonnegative(),
  /** Probability of malicious from the tenant's model, 0..1. */
  score: z.number().min(0).max(1),
  verdict: ZVerdict,
  bucket: ZBucket,
  asn: z.number().int().nullable(),
  asOrg: z.string().nullable(),
  /** Why the score is what it is, in words, strongest first. */
  reasons: z.array(z.string()),
  features: z.record(z.string(), z.number()),
});
export type TScoredIp = z.infer<typeof ZScoredIp>;

export const ZMetricsSummary = z.record(z.string(), z.unknown());

/** The report every upload gets: the portal, the API and `mlsec analyze --out` all serve this shape. */
export const ZReport = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  uploadId: z.string().nullable(),
  generatedAt: z.string(),
  asOf: z.string(),
  summary: z.object({
    lines: z.number().int(),
    events: z.number().int(),
    rejected: z.number().int(),
    sources: z.number().int(),
    flagged: z.number().int(),
    first: z.string().nullable(),
    last: z.string().nullable(),
    buckets: z.object({ block: z.number().int(), review: z.number().int(), allow: z.number().int() }),
  }),
  formats: z.record(z.string(), z.number()),
  rejected: z.object({
    byReason: z.record(z.string(), z.number()),
    samples: z.array(z.object({ reason: z.string(), line: z.number(), text: z.string() })),
  }),
  model: z
    .object({
      version: z.number().int().nullable(),
      c: z.number(),
      gamma: z.number(),
      threshold: z.number(),
      labelCounts: z.object({ malicious: z.number(), benign: z.number() }),
      metrics: ZMetricsSummary,
      baseline: ZMetricsSummary.nullable(),
    })
    .nullable(),
  /** Set when no model could be trained (e.g. too few labelled rows); IPs are then scored by the baseline. */
  modelNote: z.string().nullable(),
  ips: z.array(ZScoredIp),
});
export type TReport = z.infer<typeof ZReport>;
