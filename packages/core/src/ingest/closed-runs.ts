import { compareKeys } from "./sorted-keys.ts";
import { SpillFile, type TSpillRef } from "./spill-file.ts";

// Words read from disk at a time when matching: 64 KB, a multiple of every key width.
const CHUNK_WORDS = 16 * 1024;

/**
 * The closed lists (sorted addresses of a day's rows already handed over) set aside on disk,
 * per day as sorted runs: each time a day's list in memory goes out it becomes one more run, so
 * no list is ever read back whole. A day with runs on disk settles the rows it starts in one
 * pass per run at hand-over (`mark`), which keeps memory flat however many sources a day has.
 * Keys are `width` 32-bit words each (1: IPv4, 4: IPv6, most significant word first).
 */
export class ClosedRuns {
  private readonly file = new SpillFile();
  private readonly runs = new Map<number, TSpillRef[]>();
  private chunk: Uint32Array | null = null;

  constructor(private readonly width: 1 | 4) {}

  /** Sets `list` (sorted keys) of `day` aside as one more run. */
  put(day: number, list: Uint32Array): void {
    if (list.length === 0) return;
    let refs = this.runs.get(day);
    if (refs === undefined) this.runs.set(day, (refs = []));
    refs.push(this.file.put(list));
  }

  has(day: number): boolean {
    return this.runs.has(day);
  }

  /**
   * Calls hit(j) for each of the n sorted keys (key j at keys[j * stride + at], `width` words)
   * that is in one of `day`'s runs. A run is read in chunks and merged with the keys.
   */
  mark(
    day: number,
    keys: Uint32Array,
    n: number,
    stride: number,
    at: number,
    hit: (j: number) => void,
  ): void {
    const refs = this.runs.get(day);
    if (refs === undefined || n === 0) return;
    const w = this.width;
    const chunk = (this.chunk ??= new Uint32Array(CHUNK_WORDS));
    for (const ref of refs) {
      let j = 0;
      for (let from = 0; from < ref.words && j < n; from += CHUNK_WORDS) {
        const len = Math.min(CHUNK_WORDS, ref.words - from);
        this.file.read(ref, chunk.subarray(0, len), from);
        for (let e = 0; e < len && j < n; e += w) {
          let c = compareKeys(keys, j * stride + at, chunk, e, w);
          while (c < 0 && ++j < n) c = compareKeys(keys, j * stride + at, chunk, e, w);
          if (c === 0) hit(j++);
        }
      }
    }
  }

  /** Gives the disk space back. */
  dispose(): void {
    this.file.dispose();
    this.runs.clear();
  }
}
