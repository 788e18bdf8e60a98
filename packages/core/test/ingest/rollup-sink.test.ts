import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ingestStream, type TRollupBatch } from "../../src/ingest/index.ts";
import { mergeRollups } from "../../src/rollup/index.ts";
import type { TIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";
import { REFERENCE } from "./ingest-fixture.ts";

/** One netfilter line on Dec `day` 2025 (days past 31 roll into January). */
function line(day: number, sec: number, src: string, port: number, action = "DROP", proto = "TCP"): string {
  const d = new Date(Date.UTC(2025, 11, day, 0, 0, sec));
  const month = d.getUTCMonth() === 0 ? "Jan" : "Dec";
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  const ss = String(d.getUTCSeconds()).padStart(2, "0");
  return `${month} ${String(d.getUTCDate()).padStart(2, " ")} ${hh}:${mm}:${ss} fw kernel: ${action} IN=eth0 OUT= MAC= SRC=${src} DST=198.51.100.7 LEN=40 PROTO=${proto} SPT=40000 DPT=${port}\n`;
}

/** Six days of 600 lines in time order, then late lines for the first days, then day 7 again. */
function log(): string[] {
  const out: string[] = [];
  for (let day = 28; day < 34; day++)
    for (let i = 0; i < 600; i++) {
      const src = i % 7 === 0 ? `2001:db8::${(i % 50).toString(16)}` : `203.0.${i % 3}.${i % 97}`;
      out.push(line(day, i * 60, src, 20 + (i % 5), i % 11 === 0 ? "ACCEPT" : "DROP"));
    }
  // Late: known sources of Dec 28/29 (continued rows) and new ones (fresh rows of a closed day).
  for (let i = 0; i < 40; i++) out.push(line(28 + (i % 2), 50_000 + i, `203.0.0.${i % 97}`, 443));
  for (let i = 0; i < 30; i++) out.push(line(28, 60_000 + i, `198.18.0.${i}`, 22));
  out.push(line(28, 70_000, "2001:db8::1", 8080));
  for (let i = 0; i < 300; i++) out.push(line(34, i * 60, `192.0.2.${i % 13}`, 25));
  // A scan past the exact port bound (sketch) with an uncommon protocol.
  for (let p = 0; p < 200; p++)
    out.push(line(33 + (p % 2), 40_000 + p, "198.51.100.99", 1000 + p, "DROP", "SCTP"));
  return out;
}

const key = (r: TIpDayRollup): string => `${r.day}|${r.ip}`;

describe("streaming rollups to a sink", () => {
  it("hands days over while reading, and fresh + continued batches add up to the in-memory rollups", async () => {
    const lines = log();
    // Small chunks, so days close in the middle of the input.
    const chunks: Buffer[] = [];
    for (let i = 0; i < lines.length; i += 100) chunks.push(Buffer.from(lines.slice(i, i + 100).join("")));
    let read = 0;
    function* counted(): Generator<Buffer> {
      for (const c of chunks) {
        read++;
        yield c;
      }
    }
    const written = new Map<string, TIpDayRollup>();
    const seenAt: number[] = [];
    let continued = 0;
    const streamed = await ingestStream(Readable.from(counted(), { objectMode: false }), {
      referenceDate: REFERENCE,
      rollupSink: {
        write: async (batch: TRollupBatch) => {
          seenAt.push(read);
          await new Promise((r) => setTimeout(r, 1)); // a sink that takes its time
          const encoded = [...batch.encoded()].map((e) => ({
            ...e,
            ports: JSON.parse(e.ports) as unknown,
            blockedPorts: JSON.parse(e.blockedPorts) as unknown,
            protocols: JSON.parse(e.protocols) as unknown,
            actions: JSON.parse(e.actions) as unknown,
          }));
          const objects = [...batch.rollups()];
          expect(encoded).toEqual(expect.arrayContaining(objects));
          expect(encoded.map((r) => r.ip)).toEqual(objects.map((r) => r.ip).sort());
          expect(encoded).toHaveLength(batch.size);
          for (const r of batch.rollups()) {
            expect(r.day).toBe(batch.day);
            const before = written.get(key(r));
            if (batch.continued) {
              continued++;
              if (!before) throw new Error(`continued row ${key(r)} was never written`);
              written.set(key(r), mergeRollups(before, r));
            } else {
              expect(before).toBeUndefined();
              written.set(key(r), r);
            }
          }
        },
      },
    });
    const inMemory = await ingestStream(Readable.from(chunks), { referenceDate: REFERENCE });

    expect(seenAt[0]).toBeLessThan(chunks.length / 2);
    expect(continued).toBeGreaterThan(0);
    expect(new Map(inMemory.rollups.map((r) => [key(r), r]))).toEqual(written);
    expect(streamed.rollupCount).toBe(inMemory.rollupCount);
    expect(streamed.rollupCount).toBe(written.size);
    expect(streamed.sources).toBe(inMemory.sources);
    expect(streamed.events).toBe(lines.length);
    expect(new Map(streamed.eachSource())).toEqual(new Map(inMemory.eachSource()));
    const perIp = new Map<string, number>();
    for (const r of inMemory.rollups) perIp.set(r.ip, (perIp.get(r.ip) ?? 0) + r.events);
    expect(new Map(streamed.eachSource())).toEqual(perIp);
    expect(() => streamed.rollups).toThrow(/sink/);
  });

  it("passes a sink's failure to the caller", async () => {
    const lines = log();
    const chunks = [];
    for (let i = 0; i < lines.length; i += 100) chunks.push(Buffer.from(lines.slice(i, i + 100).join("")));
    await expect(
      ingestStream(Readable.from(chunks), {
        referenceDate: REFERENCE,
        rollupSink: { write: () => Promise.reject(new Error("database down")) },
      }),
    ).rejects.toThrow("database down");
  });
});
