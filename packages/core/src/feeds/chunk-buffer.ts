/** Chunks of about this many characters: large enough that per-write overhead vanishes, small enough to stream. */
export const CHUNK_CHARS = 64 * 1024;

/**
 * Collects rendered text and hands it out in ~64 KiB pieces, so a renderer yields a few hundred
 * times per million lines instead of once per line (each yield through an async generator and an
 * HTTP stream costs far more than the concatenation).
 */
export class ChunkBuffer {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly limit = CHUNK_CHARS) {}

  /** Adds text; returns a chunk to yield once the buffer is full, else null. */
  push(text: string): string | null {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= this.limit ? this.take() : null;
  }

  /** Whatever is left (possibly ""). */
  take(): string {
    const out = this.parts.join("");
    this.parts = [];
    this.size = 0;
    return out;
  }
}
