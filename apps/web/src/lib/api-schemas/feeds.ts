import { z } from "zod";
import { ZFeedFormat } from "@mlsec/core/feeds";

/** The most entries one feed serves; 1 million is what the streaming benchmark measures. */
export const FEED_MAX_ENTRIES = 1_000_000;

/**
 * POST /api/v1/feeds: a named, filtered view of the tenant's decisions in one consumer's format.
 * Every filter is optional; with none the feed serves exactly what GET /api/v1/blocklist serves.
 */
export const ZFeedCreate = z.object({
  name: z.string().trim().min(1).max(100),
  format: ZFeedFormat,
  /** Lowest probability served, 0..1; absent: the tenant's block threshold. */
  minScore: z.number().min(0).max(1).nullable().default(null),
  /** Only these triage buckets; absent or empty: all. */
  buckets: z
    .array(z.enum(["block", "review", "allow"]))
    .max(3)
    .default([]),
  /** false: leave out addresses that only the community pool vouches for. */
  includeCommunity: z.boolean().default(true),
  /** 4 or 6: one family only (firewall sets are per family). */
  family: z
    .union([z.literal(4), z.literal(6)])
    .nullable()
    .default(null),
  /** Merge adjacent listed addresses into the fewest CIDRs covering exactly them. */
  aggregate: z.boolean().default(false),
  /** Size cap: at most this many entries, the highest scores kept. */
  maxEntries: z.number().int().min(1).max(FEED_MAX_ENTRIES).default(FEED_MAX_ENTRIES),
  /** EDL: entries per numbered page (PAN-OS and FortiGate limit list sizes); absent: one page. */
  pageSize: z.number().int().min(1).max(FEED_MAX_ENTRIES).nullable().default(null),
});
export type TFeedCreate = z.infer<typeof ZFeedCreate>;

/**
 * 201 from POST /api/v1/feeds and 200 from POST /api/v1/feeds/:id/rotate: the feed with its token,
 * the only time the token is shown. The portal's forms parse it; only what they show is named.
 */
export const ZFeedIssued = z.object({
  id: z.string(),
  name: z.string(),
  format: ZFeedFormat,
  url: z.string(),
  token: z.string(),
  tokenPrefix: z.string(),
  pageSize: z.number().nullable(),
});
export type TFeedIssued = z.infer<typeof ZFeedIssued>;
