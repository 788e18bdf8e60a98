import { z } from "zod";

/**
 * One decision a feed serves: an address (or, with aggregation on, a CIDR of listed addresses) the
 * tenant wants blocked, with what every consumer format needs. The db stores these per tenant
 * (packages/db decisions.ts); feeds stream them in `sortKey` order, so formats can render without
 * holding the whole list.
 */
export type TFeedDecision = {
  /** "192.0.2.7", "2001:db8::1", or a CIDR "192.0.2.0/24" when aggregated. */
  value: string;
  /** CrowdSec's scope: a single address or a range. */
  scope: "Ip" | "Range";
  family: 4 | 6;
  /** Probability of malicious, 0..1 (a range: the highest of its addresses). */
  score: number;
  bucket: "block" | "review" | "allow";
  /** The behaviour rule (cluster) with the highest own rank, "neighbourhood" or "community" when none. */
  cluster: string;
  /** The as-of day (YYYY-MM-DD) of the report that listed it. */
  asOf: string;
  /** ISO instant the listing stops being valid (the decayed own rank is spent; indicatorLifetimeDays). */
  validUntil: string;
  /** Origin AS, when known. */
  asn: number | null;
  /** The report that listed it (a range: that of its highest-scoring address). */
  reportId: string;
};

export const FEED_FORMATS = [
  "crowdsec",
  "edl",
  "nftables",
  "ipset",
  "pf",
  "misp",
  "taxii",
  "zeek",
  "suricata",
  "csv",
  "json",
  "stix",
] as const;
export const ZFeedFormat = z.enum(FEED_FORMATS);
export type TFeedFormat = z.infer<typeof ZFeedFormat>;
