import type { TEvent } from "../events/event.ts";

// A bounded sample of the events behind each (address, day) of an upload (#17): the page shows an
// analyst what an address did, and an event verdict names one of these by its line number, so the
// sample is what such a verdict is validated against.

/** Events kept per address and day; the rest are only counted. */
export const SAMPLE_PER_ADDRESS_DAY = 5;
/**
 * Events kept per upload at most, whatever the number of address-days: with ~120 bytes an event
 * the whole sample stays under ~25 MB however large the log. Address-days first met after the cap
 * get no entry at all (their counts are in the rollups), so memory stays bounded too.
 */
export const SAMPLE_MAX_EVENTS = 200_000;
/**
 * The sample is written as this many shards, each the address-days of the addresses that hash to
 * it, sorted by address then day: a page reads one small object for one address instead of the
 * whole sample, and the number of writes per upload stays fixed (one object per /16 could mean
 * thousands of writes for a scan-heavy log).
 */
export const SAMPLE_SHARDS = 64;

export type TSampledEvent = {
  /** 1-based line number in the decompressed upload: with the upload id, the event's reference. */
  line: number;
  time: string;
  srcPort: number | null;
  dst: string | null;
  dstPort: number | null;
  proto: string | null;
  action: string;
  /** The rule or cluster the event falls in, when the format names one; not known at ingest yet. */
  cluster: string | null;
};

export type TAddressDaySample = { address: string; day: string; events: TSampledEvent[]; more: number };

/** FNV-1a of the canonical address text: stable across runs, so a retry writes the same shards. */
export function sampleShard(address: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < address.length; i++) {
    h ^= address.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SAMPLE_SHARDS;
}

/** An entry and its counts: the events it was handed (kept or not) and its rollups' events. */
type TEntry = { sample: TAddressDaySample; seen: number; rolled: number };

export class EventSampler {
  private readonly byKey = new Map<string, TEntry>();
  private kept = 0;

  constructor(
    private readonly perAddressDay = SAMPLE_PER_ADDRESS_DAY,
    private readonly maxEvents = SAMPLE_MAX_EVENTS,
  ) {}

  /** The number of events kept so far (never above maxEvents). */
  get size(): number {
    return this.kept;
  }

  /**
   * The cap is reached: no later event can be kept or start an entry, it could only add to an
   * entry's `more`. An ingest then stops building events (the WebAssembly kernel takes the rest
   * of the log) and `settle` counts what it did not hand over from the rollups.
   */
  get full(): boolean {
    return this.kept >= this.maxEvents;
  }

  add(e: TEvent): void {
    const day = e.time.slice(0, 10);
    const key = `${e.src} ${day}`;
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      if (this.full) return;
      entry = { sample: { address: e.src, day, events: [], more: 0 }, seen: 0, rolled: 0 };
      this.byKey.set(key, entry);
    }
    entry.seen += e.count;
    const s = entry.sample;
    if (s.events.length < this.perAddressDay && !this.full) {
      s.events.push({
        line: e.line,
        time: e.time,
        srcPort: e.srcPort,
        dst: e.dst,
        dstPort: e.dstPort,
        proto: e.proto,
        action: e.action,
        cluster: null,
      });
      this.kept++;
    } else {
      s.more += e.count;
    }
  }

  /**
   * Adds a rollup row's events (a day's row, or a later part of it) to its entry, if it has one.
   * Every row of the ingest passes here: an entry exists before any row of its address-day is
   * handed over, since it starts at that address-day's first event.
   */
  addRollup(address: string, day: string, events: number): void {
    const entry = this.byKey.get(`${address} ${day}`);
    if (entry !== undefined) entry.rolled += events;
  }

  /**
   * Counts in `more` the events an entry was never handed because the ingest stopped handing
   * events over once the sample was full, from the rollups' totals (addRollup): `more` then ends
   * as if every event had been added. Without a cut-over the two totals agree and nothing changes.
   */
  settle(): void {
    for (const entry of this.byKey.values()) {
      if (entry.rolled > entry.seen) {
        entry.sample.more += entry.rolled - entry.seen;
        entry.seen = entry.rolled;
      }
    }
  }

  /** Non-empty shards, each sorted by address then day (deterministic for an idempotent write). */
  shards(): Map<number, TAddressDaySample[]> {
    const out = new Map<number, TAddressDaySample[]>();
    for (const { sample: s } of this.byKey.values()) {
      const n = sampleShard(s.address);
      const list = out.get(n);
      if (list) list.push(s);
      else out.set(n, [s]);
    }
    for (const list of out.values())
      list.sort((a, b) =>
        a.address < b.address ? -1 : a.address > b.address ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
      );
    return out;
  }
}

/** One address's days from a shard, optionally one day. */
export function sampleForAddress(
  shard: TAddressDaySample[],
  address: string,
  day?: string,
): TAddressDaySample[] {
  return shard.filter((s) => s.address === address && (day === undefined || s.day === day));
}

/** A sampled event found by its line number, with the address and day it was sampled under. */
export type TFoundEvent = { address: string; day: string; event: TSampledEvent };

/**
 * The sampled event at `line` among some address-days of an upload (a shard, or one address's
 * days), or null when the sample does not hold that line: the ingest keeps only the first few
 * events of each address-day, so most lines of a busy log are counted, not kept.
 */
export function findSampledEvent(days: readonly TAddressDaySample[], line: number): TFoundEvent | null {
  for (const d of days) {
    const event = d.events.find((e) => e.line === line);
    if (event) return { address: d.address, day: d.day, event };
  }
  return null;
}
