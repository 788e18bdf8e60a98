import { type TAsnTable } from "../asn/asn-table.ts";
import { type TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { type TClusterMatcher } from "./clusters.ts";
import { dayNumber } from "./day-number.ts";
import { type IpRegistry } from "./ip-registry.ts";
import { type TAsSize, type TDayColumn } from "./snapshot.ts";

const MAX_U32 = 0xffffffff;

/** Growable arrays for one day while rollups stream in. */
class DayBuilder {
  size = 0;
  ids = new Int32Array(256);
  masks = new Uint16Array(256);
  events = new Uint32Array(256);

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
  const builders = new Map<number, DayBuilder>();
  let lastText = "";
  let lastDay = NaN;
  for (const rollup of rollups) {
    // Rollups arrive grouped by day in practice; caching the parse saves a Date.UTC per row.
    if (rollup.day !== lastText) {
      lastText = rollup.day;
      lastDay = dayNumber(rollup.day);
    }
    const day = lastDay;
    if (!(day >= window.fromDay && day < window.toDayExclusive)) continue;
    const before = registry.size;
    const id = registry.intern(rollup.ip, asnTable);
    if (id < 0) continue;
    if (id === before && asnTable) recordAsSize(registry.asn[id] ?? 0, asnTable, asSizes);
    let builder = builders.get(day);
    if (!builder) builders.set(day, (builder = new DayBuilder()));
    builder.push(id, match(rollup), rollup.events);
  }
  const out = new Map<number, TDayColumn>();
  for (const [day, b] of builders) {
    out.set(day, {
      day,
      ids: b.ids.slice(0, b.size),
      masks: b.masks.slice(0, b.size),
      events: b.events.slice(0, b.size),
    });
  }
  return out;
}

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

function grow<T extends Int32Array | Uint16Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
