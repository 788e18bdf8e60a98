import { type TAsnTable } from "../asn/asn-table.ts";
import { type TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { type TClusterMatcher, type TClusterRule } from "./clusters.ts";
import { dayNumber } from "../day/day-number.ts";
import { type IpRegistry } from "./ip-registry.ts";
import { ParsedRows } from "./parsed-rows.ts";
import { radixSortPairs } from "./radix-sort.ts";
import { clusterMasksOf, type TRollupColumns } from "./rollup-columns.ts";
import { type TAsSize, type TDayColumn } from "./snapshot.ts";

const MAX_U32 = 0xffffffff;
/** Rows interned per merge with the registry: big enough that the merge pass is amortised. */
const CHUNK = 1 << 20;

/** Growable arrays for one day while rollups stream in. */
class DayBuilder {
  size = 0;
  ids: Int32Array;
  masks: Uint16Array;
  events: Uint32Array;

  /** Sized like the previous day: doubling up to a million rows showed as allocation and GC time. */
  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
    this.masks = new Uint16Array(capacity);
    this.events = new Uint32Array(capacity);
  }

  push(id: number, mask: number, events: number): void {
    if (this.size === this.ids.length) {
      const cap = this.size * 2;
      this.ids = grow(this.ids, new Int32Array(cap));
      this.masks = grow(this.masks, new Uint16Array(cap));
      this.events = grow(this.events, new Uint32Array(cap));
    }
    this.ids[this.size] = id;
    this.masks[this.size] = mask;
    this.events[this.size] = Math.min(events, MAX_U32);
    this.size++;
  }
}

export type TDayWindow = { fromDay: number; toDayExclusive: number };

type TContext = {
  window: TDayWindow;
  registry: IpRegistry;
  asnTable: TAsnTable | null;
  asSizes: Map<number, TAsSize>;
};

/**
 * Rows waiting to be interned, in arrival order (so ids stay first-seen order whatever the chunking),
 * then handed to their day's builder.
 */
class Collector {
  // Small inputs (tests, one upload) should not pay for a full chunk up front.
  private rows = new ParsedRows(1024);
  private day = new Int32Array(1024);
  private mask = new Uint16Array(1024);
  private events = new Float64Array(1024);
  readonly builders = new Map<number, DayBuilder>();
  private dayCapacity = 256;

  constructor(private readonly ctx: TContext) {}

  /** Keeps only days inside [fromDay, toDayExclusive): the as-of cut and the horizon are enforced here. */
  accepts(day: number): boolean {
    return day >= this.ctx.window.fromDay && day < this.ctx.window.toDayExclusive;
  }

  push(day: number, ip: string, mask: number, events: number): void {
    if (this.rows.n === this.rows.capacity) {
      if (this.rows.capacity < CHUNK) this.grow();
      else this.flush();
    }
    const row = this.rows.n;
    this.rows.push(ip);
    this.day[row] = day;
    this.mask[row] = mask;
    this.events[row] = events;
  }

  private grow(): void {
    this.rows.grow();
    const cap = this.rows.capacity;
    this.day = grow(this.day, new Int32Array(cap));
    this.mask = grow(this.mask, new Uint16Array(cap));
    this.events = grow(this.events, new Float64Array(cap));
  }

  flush(): void {
    const { registry, asnTable, asSizes } = this.ctx;
    const before = registry.size;
    const ids = registry.internRows(this.rows, asnTable);
    if (asnTable)
      for (let id = before; id < registry.size; id++) recordAsSize(registry.asn[id] ?? 0, asnTable, asSizes);
    let lastDay = NaN;
    let builder: DayBuilder | undefined;
    for (let i = 0; i < this.rows.n; i++) {
      const id = ids[i] ?? -1;
      if (id < 0) continue;
      const day = this.day[i] ?? 0;
      if (day !== lastDay || !builder) {
        lastDay = day;
        builder = this.builders.get(day);
        if (!builder) this.builders.set(day, (builder = new DayBuilder(this.dayCapacity)));
      }
      builder.push(id, this.mask[i] ?? 0, this.events[i] ?? 0);
      if (builder.size > this.dayCapacity) this.dayCapacity = Math.min(builder.size, CHUNK);
    }
    this.rows.n = 0;
  }

  finish(): Map<number, TDayColumn> {
    this.flush();
    const out = new Map<number, TDayColumn>();
    for (const [day, b] of this.builders) out.set(day, sortedColumn(day, b, this.ctx.registry.size));
    return out;
  }
}

/**
 * Streams rollups into per-day columns, keeping only days inside [fromDay, toDayExclusive): the
 * as-of cut (strictly before the as-of day) and the decay horizon are both enforced here, so no
 * later stage can see a rollup it must not.
 */
export function collectDayColumns(
  rollups: Iterable<TIpDayRollup>,
  window: TDayWindow,
  match: TClusterMatcher,
  registry: IpRegistry,
  asnTable: TAsnTable | null,
  asSizes: Map<number, TAsSize>,
): Map<number, TDayColumn> {
  const collector = dayCollector(window, match, registry, asnTable, asSizes);
  collector.add(rollups);
  return collector.finish();
}

/**
 * collectDayColumns fed in several parts (pages of a database read): the columns are built once at
 * `finish`, so feeding a day page by page costs no more than feeding it whole.
 */
export function dayCollector(
  window: TDayWindow,
  match: TClusterMatcher,
  registry: IpRegistry,
  asnTable: TAsnTable | null,
  asSizes: Map<number, TAsSize>,
) {
  const collector = new Collector({ window, registry, asnTable, asSizes });
  let lastText = "";
  let lastDay = NaN;
  return {
    add(rollups: Iterable<TIpDayRollup>): void {
      for (const rollup of rollups) {
        // Rollups arrive grouped by day in practice; caching the parse saves a Date.UTC per row.
        if (rollup.day !== lastText) {
          lastText = rollup.day;
          lastDay = dayNumber(rollup.day);
        }
        if (!collector.accepts(lastDay)) continue;
        collector.push(lastDay, rollup.ip, match(rollup), rollup.events);
      }
    },
    finish: (): Map<number, TDayColumn> => collector.finish(),
  };
}

/** collectDayColumns for columnar batches (see TRollupColumns): same window, ids and columns. */
export function collectDayColumnsFromBatches(
  batches: Iterable<TRollupColumns>,
  window: TDayWindow,
  rules: readonly TClusterRule[],
  registry: IpRegistry,
  asnTable: TAsnTable | null,
  asSizes: Map<number, TAsSize>,
): Map<number, TDayColumn> {
  const collector = new Collector({ window, registry, asnTable, asSizes });
  for (const batch of batches) {
    const day = dayNumber(batch.day);
    if (!collector.accepts(day)) continue;
    const masks = clusterMasksOf(rules, batch);
    const { ip, events } = batch;
    for (let i = 0; i < ip.length; i++) collector.push(day, ip[i] ?? "", masks[i] ?? 0, events[i] ?? 0);
  }
  return collector.finish();
}

/**
 * A day's rows ordered by id (stable), so aggregation walks its per-IP arrays forwards instead of
 * jumping around them. Per-IP sums do not depend on row order within a day (events are integers,
 * masks are OR-ed), so ranks are unchanged.
 */
function sortedColumn(day: number, b: DayBuilder, idBound: number): TDayColumn {
  const n = b.size;
  if (sortScratch.length < 2 * n) sortScratch = new Uint32Array(2 * n);
  const position = sortScratch.subarray(0, n);
  for (let i = 0; i < n; i++) position[i] = i;
  const idKeys = sortScratch.subarray(n, 2 * n);
  idKeys.set(b.ids.subarray(0, n));
  const sorted = radixSortPairs(idKeys, position, Math.max(0, idBound - 1));
  const ids = new Int32Array(n);
  const masks = new Uint16Array(n);
  const events = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const from = sorted.payload[i] ?? 0;
    ids[i] = sorted.keys[i] ?? 0;
    masks[i] = b.masks[from] ?? 0;
    events[i] = b.events[from] ?? 0;
  }
  return { day, ids, masks, events };
}

/** Reused between days (synchronous), like the sort's own scratch. */
let sortScratch: Uint32Array<ArrayBuffer> = new Uint32Array(0);

/** Joins columns of the same day (late rollups for a day already held), keeping stored order. */
export function mergeDayColumns(a: TDayColumn, b: TDayColumn): TDayColumn {
  const ids = new Int32Array(a.ids.length + b.ids.length);
  ids.set(a.ids);
  ids.set(b.ids, a.ids.length);
  const masks = new Uint16Array(ids.length);
  masks.set(a.masks);
  masks.set(b.masks, a.masks.length);
  const events = new Uint32Array(ids.length);
  events.set(a.events);
  events.set(b.events, a.events.length);
  return { day: a.day, ids, masks, events };
}

function recordAsSize(asn: number, table: TAsnTable, asSizes: Map<number, TAsSize>): void {
  if (!asn || asSizes.has(asn)) return;
  const idx = table.asIndex.get(asn);
  if (idx === undefined) return;
  asSizes.set(asn, {
    v4: table.v4Size[idx] ?? 0,
    v6Slash64: table.v6Size64[idx] ?? 0,
    org: table.orgs[idx] ?? "",
  });
}

function grow<T extends Int32Array | Uint16Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
