import { formatIpv4 } from "../events/parse-ipv4.ts";
import { formatIpv6 } from "../net/format-ip.ts";
import { Ipv4SlotTable } from "./ipv4-slot-table.ts";
import { Ipv6SlotTable } from "./ipv6-slot-table.ts";
import type { KernelRollups } from "./kernel-rollups.ts";
import { SourceRuns } from "./source-runs.ts";

/**
 * Bytes each table of distinct sources (the kernel's IPv4 one, the IPv4 and IPv6 ones here) may
 * hold before it is written out as a sorted run on disk (SourceRuns) and starts again: 12 bytes
 * per IPv4 source in the kernel (sorted arrays, source-totals.ts), ~36 per IPv6 one here, so a
 * log's distinct sources cost disk, not memory, past a few hundred thousand of a kind. Per
 * table, not all together: the 200k IPv4 and 200k IPv6 sources of 10M generated lines then stay
 * in memory, where a shared budget wrote both out again and again (10M lines ~1 s slower).
 * The tables here are sorted in JavaScript when written out (28 bytes a source for the moment).
 */
export const SOURCE_BYTES = 8 * 1024 * 1024;

/**
 * Distinct sources over the whole input and their events, as rows leave:
 * IPv4 sources of kernel rows in the kernel's own totals, the others here. Past `maxBytes` the
 * totals go to disk; count() and entries() then merge the runs.
 */
export class SourceTally {
  private v4 = new Ipv4SlotTable();
  private v4Events = new Float64Array(1024);
  private v6 = new Ipv6SlotTable(64, 0.85);
  private v6Events = new Float64Array(64);
  private readonly v4Runs = new SourceRuns(1);
  private readonly v6Runs = new SourceRuns(4);

  constructor(
    private readonly kernel: KernelRollups | null,
    private readonly maxBytes = SOURCE_BYTES,
  ) {}

  addV4(ip: number, events: number): void {
    const i = this.v4.findOrAdd(ip, this.v4.size);
    this.v4Events = room(this.v4Events, i);
    this.v4Events[i] = (this.v4Events[i] ?? 0) + events;
  }

  addV6(words: Uint32Array, events: number): void {
    const i = this.v6.findOrAdd(words, this.v6.size);
    this.v6Events = room(this.v6Events, i);
    this.v6Events[i] = (this.v6Events[i] ?? 0) + events;
  }

  /**
   * Writes each table out as a run once it holds its budget. At, not past: the hash tables
   * double, so a power-of-two budget is met exactly, and "past" let a table double once more
   * (the kernel's, when it was one: 3M distinct sources peaked at 169 MB, not 129).
   */
  bound(): void {
    const kernel = this.kernel;
    if (kernel !== null && kernel.sourceBytes >= this.maxBytes) kernel.spillSources(this.v4Runs);
    if (this.v4.bytes + this.v4Events.byteLength >= this.maxBytes) this.spillV4();
    if (this.v6.bytes + this.v6Events.byteLength >= this.maxBytes) this.spillV6();
  }

  private spill(): void {
    this.kernel?.spillSources(this.v4Runs);
    this.spillV4();
    this.spillV6();
  }

  private spillV4(): void {
    if (this.v4.size > 0) {
      const ips = this.v4.keys();
      const events = Float64Array.from(ips, (ip) => this.v4Events[this.v4.get(ip)] ?? 0);
      this.v4Runs.write(ips, null, events, ips.length);
      this.v4 = new Ipv4SlotTable();
      this.v4Events = new Float64Array(1024);
    }
  }

  private spillV6(): void {
    if (this.v6.size > 0) {
      const at = new Uint32Array(this.v6.size);
      const events = new Float64Array(this.v6.size);
      let words: Uint32Array = new Uint32Array(0);
      this.v6.forEach((cells, o, i) => {
        words = cells;
        at[i] = o;
        events[i] = this.v6Events[i] ?? 0;
      });
      this.v6Runs.write(words, at, events, this.v6.size);
      this.v6 = new Ipv6SlotTable(64, 0.85);
      this.v6Events = new Float64Array(64);
    }
  }

  private get spilled(): boolean {
    return this.v4Runs.runs + this.v6Runs.runs > 0;
  }

  /** Distinct sources (call after the last rows have left). */
  count(): number {
    if (!this.spilled) return (this.kernel?.sourceCount ?? 0) + this.v4.size + this.v6.size;
    this.spill();
    let n = 0;
    for (const _ of this.v4Runs.merged()) n++;
    for (const _ of this.v6Runs.merged()) n++;
    return n;
  }

  /** [address, events] of every source (after the last rows have left), unordered. */
  *entries(): Generator<[string, number]> {
    if (this.spilled) {
      this.spill();
      for (const [key, events] of this.v4Runs.merged()) yield [formatIpv4(key[0] ?? 0), events];
      for (const [key, events] of this.v6Runs.merged()) yield [formatIpv6(key, 0), events];
      return;
    }
    if (this.kernel !== null) {
      const { ips, events } = this.kernel.sources();
      for (let i = 0; i < ips.length; i++) yield [formatIpv4(ips[i] ?? 0), events[i] ?? 0];
    }
    for (const ip of this.v4.keys()) yield [formatIpv4(ip), this.v4Events[this.v4.get(ip)] ?? 0];
    const v6: [string, number][] = [];
    this.v6.forEach((words, at, i) => v6.push([formatIpv6(words, at), this.v6Events[i] ?? 0]));
    yield* v6;
  }

  /** Gives back the runs' disk space. */
  dispose(): void {
    this.v4Runs.dispose();
    this.v6Runs.dispose();
  }
}

/** `a`, or a copy twice as long when index `i` is past its end. */
function room(a: Float64Array<ArrayBuffer>, i: number): Float64Array<ArrayBuffer> {
  if (i < a.length) return a;
  const grown = new Float64Array(2 * a.length);
  grown.set(a);
  return grown;
}
