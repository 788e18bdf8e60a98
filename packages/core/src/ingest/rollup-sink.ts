import type { TIpDayRollup, TIpDayRollupJson } from "../rollup/ip-day-rollup.ts";

/**
 * Rows of one UTC day that leave memory together. Rollup objects are built one at a time as the
 * consumer iterates, so a sink that only counts never builds any.
 */
export type TRollupBatch = {
  /** "YYYY-MM-DD". */
  day: string;
  /**
   * The rows continue rows of the same (day, IP) already handed to the sink earlier in this run
   * (late lines for a day that had been written): add them to what was written, where a batch
   * with `continued: false` overwrites.
   */
  continued: boolean;
  size: number;
  rollups(): Generator<TIpDayRollup>;
  /** The same rows with their maps as JSON text, several times cheaper to build; by address text. */
  encoded(): Generator<TIpDayRollupJson>;
};

/**
 * Where rollups go while a stream is ingested, instead of staying in memory to the end. A day is
 * handed over once the log has moved `lagDays` past it (logs are nearly time-ordered); late lines
 * for it still count, as a `continued` batch.
 */
export type TRollupSink = {
  write(batch: TRollupBatch): Promise<void> | void;
  /** Default 2. */
  lagDays?: number;
  /**
   * The sink uses each batch's day and sizes only (a command that prints counts): the rows are
   * counted as always but not copied out or kept for it, and the batches' rollups() and
   * encoded() throw. Saves the copy and its memory.
   */
  countOnly?: boolean;
  /**
   * Bytes the rows in memory may hold before every day is handed over, the current one included
   * (its later lines then come as continued batches). Default 32 MB.
   */
  maxHeldBytes?: number;
  /**
   * Batches whose `write` may be pending at once (default 1). A `continued` batch is handed over
   * after the batches it continues, but may start before they finish: the sink orders them.
   */
  concurrency?: number;
};
