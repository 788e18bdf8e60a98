import { z } from "zod";
import { type TAsnTable } from "../asn/asn-table.ts";
import { MAX_V6_NEIGHBOURHOOD_PREFIX } from "../net/network.ts";
import { DEFAULT_CLUSTERS, type TClusterRule, ZClusterRules } from "./clusters.ts";
import { DEFAULT_DECAY, type TDecay, ZDecay } from "./decay.ts";
import { asOfDayNumber, dayString } from "../day/day-number.ts";

export const DEFAULT_PREFIXES_V4: readonly number[] = [24, 16];
/** /32 is aggregated and listed by topRanked but is not a feature slot (see docs/features.md). */
export const DEFAULT_PREFIXES_V6: readonly number[] = [64, 48, 32];

export type TRankOptions = {
  asOf: Date | string;
  decay?: TDecay;
  clusters?: TClusterRule[];
  prefixesV4?: number[];
  prefixesV6?: number[];
  /** AS table; null or absent skips AS aggregation. */
  asn?: TAsnTable | null;
};

export type TResolvedRankOptions = {
  asOf: string;
  asOfDay: number;
  decay: TDecay;
  clusters: TClusterRule[];
  prefixesV4: number[];
  prefixesV6: number[];
  asn: TAsnTable | null;
};

const ZPrefixesV4 = z.array(z.number().int().min(1).max(32)).max(8);
const ZPrefixesV6 = z.array(z.number().int().min(1).max(MAX_V6_NEIGHBOURHOOD_PREFIX)).max(8);

/** Validates tenant-supplied settings (zod errors name the offending field) and fills defaults. */
export function resolveRankOptions(opts: TRankOptions): TResolvedRankOptions {
  const asOfDay = asOfDayNumber(opts.asOf);
  return {
    asOf: dayString(asOfDay),
    asOfDay,
    decay: ZDecay.parse(opts.decay ?? DEFAULT_DECAY),
    clusters: ZClusterRules.parse(opts.clusters ?? DEFAULT_CLUSTERS),
    prefixesV4: [...new Set(ZPrefixesV4.parse(opts.prefixesV4 ?? [...DEFAULT_PREFIXES_V4]))],
    prefixesV6: [...new Set(ZPrefixesV6.parse(opts.prefixesV6 ?? [...DEFAULT_PREFIXES_V6]))],
    asn: opts.asn ?? null,
  };
}
