import { ACTIONS, type TAction } from "../rollup/rollup-constants.ts";
import { instantiateKernel, type TKernelExports } from "./kernel-exports.ts";
import { KernelRollups } from "./kernel-rollups.ts";
import type { TParseContext } from "./parse-context.ts";
import { bsdMidnight } from "./parse-time.ts";
import { MS_PER_DAY } from "../day/day-number.ts";

/**
 * The WebAssembly fast path for netfilter lines (assembly/netfilter-kernel.ts). It parses a
 * window of lines and counts their events into its own rollup rows (`rollups`), until a line it
 * cannot vouch for, which the caller reads with the TypeScript parsers. Measured on 1M generated
 * iptables lines, docs/benchmarks.md.
 */

/** Bytes of one window the kernel takes; longer windows go to the TypeScript parsers. */
export const KERNEL_WINDOW_BYTES = 256 * 1024;
export const KERNEL_HOST = 1;
export const KERNEL_NEW_PREFIX = 2;
/** The batch of IPv6 events is full: read it (`drainV6`) and run again from the stop's start. */
export const KERNEL_V6_FULL = 3;
const PREFIX_SLOTS = 16;
/** Where `run` stopped: a line for the caller, or start === the window's length. */
export type TKernelStop = {
  start: number;
  end: number;
  status: number;
  prefixStart: number;
  prefixEnd: number;
};

/** An event of an IPv6 source: `words` as parseIpv6 (net/) writes them, valid during the call. */
export type TV6Event = (
  day: number,
  ms: number,
  words: Uint32Array,
  port: number,
  proto: number,
  action: number,
) => void;

/** One kernel instance (its own memory, prefixes and rows) per ingest session. */
export class NetfilterKernel {
  private nextSlot = 0;
  private readonly v6Words = new Uint32Array(4);
  // Buffers in the kernel's memory that the host reads input into (readRoom), and the window
  // the next run reads: in one of them, or in the kernel's own buffer.
  private readonly rooms: Buffer[] = [];
  private base = 0;
  readonly rollups: KernelRollups;

  static create(): NetfilterKernel | null {
    const x = instantiateKernel();
    return x === null ? null : new NetfilterKernel(x);
  }

  private constructor(private readonly x: TKernelExports) {
    x.setup(KERNEL_WINDOW_BYTES);
    this.rollups = new KernelRollups(x);
  }

  /** Year-less dates are read against this context's reference date, as parseTimeAt does. */
  useContext(ctx: TParseContext): void {
    this.x.setReferenceYear(ctx.referenceYear);
    const days = new Int32Array(this.x.memory.buffer, this.x.dayTableAt(), 12 * 32);
    for (let month = 0; month < 12; month++) {
      for (let day = 0; day < 32; day++) {
        const midnight = day === 0 ? -1 : bsdMidnight(ctx, month, day);
        days[month * 32 + day] = midnight < 0 ? -0x80000000 : Math.floor(midnight / MS_PER_DAY);
      }
    }
  }

  /**
   * A buffer of `bytes` inside the kernel's memory, for the host to read input into: a window
   * of it is then read where it lies, not copied in (load). The memory is shared, so the buffer
   * stays valid, and a read into it may be in flight, while the kernel grows its memory.
   */
  readRoom(bytes: number): Buffer {
    const at = this.x.inputRoom(bytes);
    const room = Buffer.from(this.x.memory.buffer, at, bytes);
    this.rooms.push(room);
    return room;
  }

  /** Whether a window of any length can be loaded: it lies in a readRoom buffer. */
  inRoom(win: Uint8Array): boolean {
    return this.rooms.some(
      (r) =>
        win.buffer === r.buffer &&
        win.byteOffset >= r.byteOffset &&
        win.byteOffset + win.length <= r.byteOffset + r.length,
    );
  }

  /**
   * Makes a window of whole lines the one the next runs read: where it lies when it is in a
   * readRoom buffer, else copied into the kernel's own (at most KERNEL_WINDOW_BYTES).
   */
  load(win: Uint8Array): void {
    if (this.inRoom(win)) {
      this.base = win.byteOffset;
      return;
    }
    this.base = this.x.inputAt();
    new Uint8Array(this.x.memory.buffer, this.base, win.length).set(win);
  }

  /**
   * Counts the events of the loaded window's lines from byte `from` on, until a line it leaves
   * to the caller (see stop()) or the end; returns the number of events. Lines longer than
   * `maxLine` are always left to the caller.
   */
  run(length: number, maxLine: number, from: number): number {
    return this.x.run(this.base, length, maxLine, from);
  }

  /** Where the last run stopped (views are taken afresh: running may have grown the memory). */
  stop(): TKernelStop {
    const r = new Int32Array(this.x.memory.buffer, this.x.outputAt(), 5);
    return {
      start: r[0] ?? 0,
      end: r[1] ?? 0,
      status: r[2] ?? 0,
      prefixStart: r[3] ?? 0,
      prefixEnd: r[4] ?? 0,
    };
  }

  /**
   * Hands the IPv6 events of the last run to `add`, in order, and returns how many there were.
   * Call it after every run, before the stop's line: the kernel empties the batch when it runs.
   */
  drainV6(add: TV6Event): number {
    const n = this.x.v6EventCount();
    if (n === 0) return 0;
    const r = new Int32Array(this.x.memory.buffer, this.x.v6EventsAt(), 8 * n);
    const words = this.v6Words;
    for (let k = 0; k < n; k++) {
      const o = 8 * k;
      // Copied into one reused array: a subarray per event is garbage per IPv6 line.
      for (let w = 0; w < 4; w++) words[w] = r[o + 4 + w] ?? 0;
      const kind = r[o + 3] ?? 0;
      add(r[o] ?? 0, r[o + 1] ?? 0, words, r[o + 2] ?? -1, kind & 15, kind >>> 4);
    }
    return n;
  }

  /** Teaches the kernel a log prefix of the loaded window with the action the TypeScript parser gave it. */
  learnPrefix(start: number, end: number, action: TAction): void {
    if (this.x.learnPrefix(this.nextSlot, start, end, ACTIONS.indexOf(action)))
      this.nextSlot = (this.nextSlot + 1) % PREFIX_SLOTS;
  }
}
