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
  /** Registration country (ISO 3166-1 alpha-2) of the address's allocation; null when unknown. */
  country: z.string().nullable().default(null),
  /** Why the score is what it is, in words, strongest first. */
  reasons: z.array(z.string()),
  features: z.record(z.string(), z.number()),
  /** With community features: which side drove the score (own sightings, the pool, both, neither). */
  driver: z.enum(["own", "community", "both", "none"]).optional(),
});
export type TScoredIp = z.infer<typeof ZScoredIp>;

export const ZMetricsSummary = z.record(z.string(), z.unknown());

/** One UTC day of the upload: events, distinct source IPs, and how many of those were flagged. */
export const ZDailyCount = z.object({
  day: z.string(),
  events: z.number().int().nonnegative(),
  sources: z.number().int().nonnegative(),
  flagged: z.number().int().nonnegative(),
});

/**
 * A destination port: its events (exact for the ports each rollup keeps, see PORT_EXACT_BOUND),
 * blocked or alerted events, and (source, day) pairs that hit it, all of them and flagged ones.
 */
export const ZPortCount = z.object({
  port: z.number().int(),
  events: z.number().int().nonnegative(),
  blocked: z.number().int().nonnegative(),
  sourceDays: z.number().int().nonnegative(),
  flaggedSourceDays: z.number().int().nonnegative(),
});

/** A group of source IPs (an origin AS, a /24 or IPv6 /64, a country) and how it scored. */
const groupCounts = {
  sources: z.number().int().nonnegative(),
  flagged: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
};
export const ZAsCount = z.object({ asn: z.number().int(), org: z.string(), ...groupCounts });
export const ZPrefixCount = z.object({ prefix: z.string(), ...groupCounts });
export const ZCountryCount = z.object({ country: z.string(), ...groupCounts });

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
    /**
     * Benign addresses expected among the blocked ones (the sum of 1 - probability), in total and
     * per day of the report's events; null without a model (score/expected-false-blocks.ts).
     */
    expectedFalseBlocks: z
      .object({ total: z.number(), perDay: z.number(), days: z.number().int() })
      .nullable()
      .default(null),
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
  /** The triage thresholds the buckets were cut at (the tenant's, or the CLI's --block/--review). */
  triage: z.object({ block: z.number(), review: z.number() }).default({ block: 0.9, review: 0.5 }),
  /** Decay half-life the ranks used; exports derive indicator lifetimes from it. */
  halfLifeDays: z.number().default(6),
  daily: z.array(ZDailyCount).default([]),
  topPorts: z.array(ZPortCount).default([]),
  topAses: z.array(ZAsCount).default([]),
  /** IPv4 /24 and IPv6 /64 neighbourhoods. */
  topPrefixes: z.array(ZPrefixCount).default([]),
  topCountries: z.array(ZCountryCount).default([]),
  ips: z.array(ZScoredIp),
});
export type TReport = z.infer<typeof ZReport>;
