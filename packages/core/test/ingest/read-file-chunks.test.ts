import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readFileChunks } from "../../src/ingest/read-file-chunks.ts";

const dir = mkdtempSync(join(tmpdir(), "mlsec-chunks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function chunksOf(bytes: Buffer, chunkBytes: number): Promise<Buffer[]> {
  const file = join(dir, "input");
  writeFileSync(file, bytes);
  const out: Buffer[] = [];
  // Copied: the buffers are reused for the next chunk.
  for await (const c of readFileChunks(file, chunkBytes)) out.push(Buffer.from(c));
  return out;
}

describe("readFileChunks", () => {
  it("gives every byte once, in order, in chunks that end at a newline unless a line is too long", async () => {
    const line = fc.oneof(
      { weight: 5, arbitrary: fc.string({ maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ minLength: 100, maxLength: 400 }) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 200 }),
        fc.boolean(),
        fc.integer({ min: 16, max: 2048 }),
        async (lines, lastNewline, chunkBytes) => {
          const text = lines.join("\n") + (lastNewline ? "\n" : "");
          const bytes = Buffer.from(text, "latin1");
          const chunks = await chunksOf(bytes, chunkBytes);
          expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
          for (const c of chunks) expect(c.length).toBeGreaterThan(0);
          // A chunk may end inside a line only when the rest of that line is more than half a
          // buffer, or at the end of the file.
          let at = 0;
          chunks.forEach((c, i) => {
            at += c.length;
            if (i === chunks.length - 1 || c[c.length - 1] === 10) return;
            const nl = bytes.indexOf(10, at);
            const lineStart = bytes.lastIndexOf(10, at - 1) + 1;
            expect((nl < 0 ? bytes.length : nl) - lineStart).toBeGreaterThan(chunkBytes / 2 - 1);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("hands gzip bytes over as read, and nothing for an empty file", async () => {
    const text = Buffer.from(Array.from({ length: 2000 }, (_, i) => `line ${i}`).join("\n"));
    const gz = gzipSync(text);
    const chunks = await chunksOf(gz, 100);
    expect(Buffer.concat(chunks).equals(gz)).toBe(true);
    expect(chunks.slice(0, -1).every((c) => c.length === 100)).toBe(true);
    expect(await chunksOf(Buffer.alloc(0), 100)).toEqual([]);
  });
});
