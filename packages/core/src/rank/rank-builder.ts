import { type TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { aggregateRanks } from "./aggregate-ranks.ts";
import { compileClusters, type TClusterMatcher } from "./clusters.ts";
import {
  collectDayColumns,
  collectDayColumnsFromBatches,
  dayCollector,
  mergeDayColumns,
  type TDayWindow,
} from "./day-columns.ts";
import { dayNumber } from "../day/day-number.ts";
import { decayHorizonDays } from "./decay.ts";
import { IpRegistry } from "./ip-registry.ts";
import { resolveRankOptions, type TRankOptions, type TResolvedRankOptions } from "./rank-options.ts";
import { type TRollupColumns } from "./rollup-columns.ts";
import { type TAsSize, type TDayColumn, type TRankSnapshot } from "./snapshot.ts";

/**
 * Builds a snapshot one day at a time, optionally on top of an earlier snapshot with the same
 * settings. This is what lets the worker keep one snapshot per tenant and, when rollups arrive,
 * re-read only the days they touched: `setDay` replaces a day's history with that day's complete
 * rollups, so rows of several uploads for the same (day, IP) are merged before ranking instead of
 * being counted twice. Days outside [asOf - horizon, asOf) are ignored, as in computeRanks.
 */
export class RankBuilder {
  readonly options: TResolvedRankOptions;
  readonly window: TDayWindow;
  private readonly registry: IpRegistry;
  private readonly asSizes: Map<number, TAsSize>;
  private readonly match: TClusterMatcher;
  private readonly byDay = new Map<number, TDayColumn>();

  constructor(opts: TRankOptions, base?: TRankSnapshot) {
    this.options = resolveRankOptions(opts);
    const o = this.options;
    this.window = { fromDay: o.asOfDay - decayHorizonDays(o.decay), toDayExclusive: o.asOfDay };
    this.match = compileClusters(o.clusters);
    if (!base) {
      this.registry = new IpRegistry();
      this.asSizes = new Map();
      return;
    }
    if (settingsKeyOf(base) !== settingsKeyOf(o))
      throw new RangeError("a snapshot can only be extended with the settings it was built with");
    if (o.asOfDay < base.asOfDay)
      throw new RangeError(`cannot move a snapshot back from ${base.asOf} to ${o.asOf}`);
    // The registry is append-only, so the base snapshot stays readable while this one grows it.
    this.registry = base.registry;
    this.asSizes = new Map(base.asSizes);
    for (const col of base.days) if (col.day >= this.window.fromDay) this.byDay.set(col.day, col);
  }

  /** Whether a day is inside this snapshot's window (the only days it keeps). */
  holds(day: string): boolean {
    const d = dayNumber(day);
    return d >= this.window.fromDay && d < this.window.toDayExclusive;
  }

  /** Adds rollups to the days they name; rows for a day already held are appended to it. */
  add(rollups: Iterable<TIpDayRollup>): this {
    return this.append(this.collect(rollups, this.window));
  }

  /** `add` for columnar batches (see TRollupColumns), without an object per rollup. */
  addColumns(batches: Iterable<TRollupColumns>): this {
    const { registry, asSizes, window, options } = this;
    return this.append(
      collectDayColumnsFromBatches(batches, window, options.clusters, registry, options.asn, asSizes),
    );
  }

  /**
   * Replaces one day's history with `rollups`, which must be all of that day's rollups, one per IP
   * (rows of other days are ignored). An empty iterable removes the day.
   */
  setDay(day: string, rollups: Iterable<TIpDayRollup>): this {
    const open = this.openDay(day);
    open.add(rollups);
    open.close();
    return this;
  }

  /**
   * setDay fed in parts, e.g. page by page from a database cursor: `add` each part (together one
   * rollup per IP), then `close` to replace the day. Other days are ignored.
   */
  openDay(day: string): { add(rollups: Iterable<TIpDayRollup>): void; close(): void } {
    const d = dayNumber(day);
    const window = { fromDay: d, toDayExclusive: d + 1 };
    const held = this.holds(day);
    const { registry, asSizes, match, options } = this;
    const collector = dayCollector(window, match, registry, options.asn, asSizes);
    return {
      add: (rollups) => {
        if (held) collector.add(rollups);
      },
      close: () => {
        this.byDay.delete(d);
        const col = collector.finish().get(d);
        if (held && col) this.byDay.set(d, col);
      },
    };
  }

  finish(): TRankSnapshot {
    const o = this.options;
    const days = [...this.byDay.values()].sort((a, b) => a.day - b.day);
    const agg = aggregateRanks({
      asOfDay: o.asOfDay,
      decay: o.decay,
      clusterCount: o.clusters.length,
      prefixesV4: o.prefixesV4,
      prefixesV6: o.prefixesV6,
      registry: this.registry,
      days,
      asSizes: this.asSizes,
    });
    return {
      asOf: o.asOf,
      asOfDay: o.asOfDay,
      decay: o.decay,
      clusters: o.clusters,
      prefixesV4: o.prefixesV4,
      prefixesV6: o.prefixesV6,
      registry: this.registry,
      days,
      asSizes: this.asSizes,
      agg,
      asnTable: o.asn,
    };
  }

  private append(columns: Map<number, TDayColumn>): this {
    for (const [day, col] of columns) {
      const held = this.byDay.get(day);
      this.byDay.set(day, held ? mergeDayColumns(held, col) : col);
    }
    return this;
  }

  private collect(rollups: Iterable<TIpDayRollup>, window: TDayWindow) {
    const { registry, asSizes, match } = this;
    return collectDayColumns(rollups, window, match, registry, this.options.asn, asSizes);
  }
}

/**
 * The settings a snapshot's history depends on (decay, rules, prefixes): two snapshots with the same
 * key can be extended from one another; a tenant that changes any of them needs a full recompute.
 */
export function settingsKeyOf(s: Pick<TRankSnapshot, "decay" | "clusters" | "prefixesV4" | "prefixesV6">) {
  return JSON.stringify([s.decay, s.clusters, s.prefixesV4, s.prefixesV6]);
}

/**
 * How many of the registry's addresses the retained days still mention. The registry only grows,
 * so a long-lived snapshot drags along addresses whose history has aged out; the caller rebuilds
 * from scratch when this falls well below `registry.size`.
 */
export function liveAddressCount(snapshot: TRankSnapshot): number {
  const seen = new Uint8Array(snapshot.registry.size);
  let live = 0;
  for (const col of snapshot.days)
    for (const id of col.ids)
      if (seen[id] === 0) {
        seen[id] = 1;
        live++;
      }
  return live;
}
