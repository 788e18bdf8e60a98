import { type TAsnTable } from "../asn/asn-table.ts";
import { type TClusterRule } from "./clusters.ts";
import { type TDecay } from "./decay.ts";
import { type IpRegistry } from "./ip-registry.ts";
import { type KeyedSums } from "./keyed-sums.ts";
import { type SlotStats } from "./slot-stats.ts";

/** One UTC day of retained history: for each rollup, the IP id, cluster bit mask and event count. */
export type TDayColumn = { day: number; ids: Int32Array; masks: Uint16Array; events: Uint32Array };

/**
 * A neighbourhood level: family and prefix, with decayed rank sums per cluster (not yet
 * normalised) and, per slot of `sums`, its bad sources' counts and days (`stats`).
 */
export type TNeighbourhood = { family: 4 | 6; prefix: number; sums: KeyedSums; stats: SlotStats };

/** Everything derived from the day columns at the as-of date. */
export type TAggregates = {
  /** Number of registry ids these arrays cover (the registry may have grown since). */
  ipCount: number;
  /** Decayed rank per IP and cluster, row-major: ipRank[id * C + c]. */
  ipRank: Float64Array;
  ipEvents: Float64Array;
  ipDaysActive: Uint16Array;
  /** Latest active day number, or -1. */
  ipLastDay: Int32Array;
  neighbourhoods: TNeighbourhood[];
  /** Per AS (numeric key): rank per cluster already normalised by the AS's announced size. */
  as: KeyedSums;
  /** Per slot of `as`: its bad sources' counts and days, as for neighbourhoods. */
  asStats: SlotStats;
};

/** Announced sizes of every AS a snapshot has seen, kept so a stored snapshot needs no table. */
export type TAsSize = { v4: number; v6Slash64: number; org: string };

/**
 * Ranks of all sources and neighbourhoods as of one day. Opaque: read it with featuresFor,
 * topRanked, rankOf; store it with encodeSnapshot (serializeSnapshot is the older JSON form, still
 * read for uploads ranked before the binary one).
 */
export type TRankSnapshot = {
  asOf: string;
  asOfDay: number;
  decay: TDecay;
  clusters: TClusterRule[];
  prefixesV4: number[];
  prefixesV6: number[];
  registry: IpRegistry;
  /** History inside the decay horizon, ascending by day; ranks are recomputed from it. */
  days: TDayColumn[];
  asSizes: Map<number, TAsSize>;
  agg: TAggregates;
  /** Runtime only (not serialised): used to find the AS of addresses never seen. */
  asnTable: TAsnTable | null;
};
