import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ingestFiles,
  ingestStream,
  type TIngestOptions,
  type TIngestResult,
  type TRollupBatch,
} from "../../src/ingest/index.ts";
import { kernelAvailable } from "../../src/ingest/kernel-exports.ts";
import { mutatedNetfilterLine, netfilterLine } from "./netfilter-arbitraries.ts";

const REFERENCE = new Date("2026-01-02T00:00:00Z");

/** Lines the generators rarely make: shapes the kernel must either read exactly or leave alone. */
const edgeLine = fc.constantFrom(
  "Dec  5 23:59:60 fw kernel: [ 1.0] [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.9 DST=10.0.0.1 LEN=40 PROTO=TCP SPT=1 DPT=22 ",
  "Dec 31 23:59:59.250 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.9 DST=10.0.0.1 PROTO=UDP SPT=53 DPT=53",
  "Jan  1 00:00:01 fw kernel: [LOGIN=x] IN=eth0 SRC=198.51.100.1 DST=10.0.0.1 PROTO=ICMP TYPE=8",
  "Jan  1 00:00:01 fw kernel: X SRC=1.2.3.4 SRC=198.51.100.1 DST=10.0.0.1 PROTO=TCP SPT=1 DPT=2",
  "Jan  1 00:00:01 fw kernel: XSRC=1.2.3.4 SRC=198.51.100.1 DST=10.0.0.1 PROTO=TCP SPT=1 DPT=2",
  "Jan  1 00:00:01 fw kernel: [ 5.1] DROP IN=eth0 SRC=198.51.100.1 DST=10.0.0.1 PROTO=TCP SPT=1 DPT=2\r",
  "Jan  1 00:00:01 fw kernel: DROP IN=eth0 SRC=198.51.100.1 DST=10.0.0.1 PROTO=TCP SPT=70000 DPT=2",
  "Jan  1 00:00:01 fw kernel: DROP IN=eth0 SRC=198.51.100.1 DST=10.0.0.1 PROTO=TCP SPT=1 DPT=",
  "Jan  1 00:00:01 fw kernel: DROP IN=eth0 SRC=198.51.100.1 DST=10.0.0.1 PROTO=tcp SPT=1 DPT=2",
  "Jan  1 00:00:01 fw kernel: DROP IN=eth0 SRC=198.51.100.1  DST=10.0.0.1 PROTO=TCP SPT=1 DPT=2",
  "Feb 30 00:00:01 fw kernel: DROP IN=eth0 SRC=198.51.100.1 DST=10.0.0.1 PROTO=TCP SPT=1 DPT=2",
  "<4>Jan  1 00:00:03 fw kernel: DROP IN=eth0 SRC=198.51.100.1 DST=10.0.0.1 PROTO=TCP SPT=1 DPT=2",
  "Jan  1 00:00:04 gw sshd[42]: Failed password for root from 203.0.113.50 port 4242 ssh2",
  `Jan  1 00:00:05 fw kernel: [UFW BLOCK] IN=eth0 ${"X".repeat(300)} SRC=198.51.100.2 DST=10.0.0.1 PROTO=TCP SPT=1 DPT=3`,
  "",
  "   ",
);
const octet = fc.nat(255);
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join("."));
/** Sources as ip6tables logs them, in every textual form, and some the host must refuse or unwrap. */
const ipv6 = fc.oneof(
  fc.ipV6(),
  fc.ipV6().map((a) => a.toUpperCase()),
  fc.constantFrom("::", "::1", "::ffff:c000:201", "::FFFF:198.51.100.9", "fe80::1%eth0", "[2001:db8::1]"),
  fc.constantFrom(
    "2001:db8:::1",
    "1:2:3:4:5:6:7:8:9",
    "12345::",
    "2001:db8::1:",
    ":2001:db8::1",
    "2001:db8::g",
  ),
);
const address = fc.oneof({ weight: 4, arbitrary: ipv4 }, { weight: 1, arbitrary: ipv6 });
/** Lines of the shape the kernel reads itself, from a few rules, so prefixes repeat. */
const two = (n: number) => String(n).padStart(2, "0");
/** BSD syslog stamps, and RFC 3339 ones as rsyslog writes them on current Ubuntu. */
const stamp = fc.oneof(
  fc
    .tuple(fc.constantFrom("Dec", "Jan", "Feb"), fc.integer({ min: 1, max: 31 }), fc.nat(23), fc.nat(60))
    .map(([m, d, h, sec]) => `${m} ${String(d).padStart(2, " ")} ${two(h)}:00:${two(sec)}`),
  fc
    .tuple(
      fc.constantFrom("2025-12", "2026-01", "2026-02", "2024-02", "1989-12", "2028-01"),
      fc.integer({ min: 0, max: 32 }),
      fc.constantFrom("T", " ", "t"),
      fc.nat(24),
      fc.nat(60),
      fc.constantFrom("", ".5", ".123456", ",25", ".", ".1234567890123"),
      fc.constantFrom("Z", "z", "+00:00", "+01:00", "-05:30", "+0100", "+01", "-23:59", "+24:00", ""),
    )
    .map(([ym, d, sep, h, sec, frac, zone]) => `${ym}-${two(d)}${sep}${two(h)}:07:${two(sec)}${frac}${zone}`),
);
const commonLine = fc
  .tuple(
    stamp,
    fc.constantFrom("[UFW BLOCK] ", "[UFW AUDIT] ", "DROP-IN "),
    address,
    address,
    fc.constantFrom("TCP", "UDP", "ICMP"),
    fc.nat(65535),
    fc.nat(65535),
  )
  .map(
    ([time, rule, src, dst, proto, spt, dpt]) =>
      `${time} fw kernel: [ 5.5] ${rule}` +
      `IN=eth0 OUT= MAC=52:54:00:12:34:56 SRC=${src} DST=${dst} LEN=60 TTL=50 PROTO=${proto}` +
      (proto === "ICMP" ? " TYPE=8 CODE=0" : ` SPT=${spt} DPT=${dpt} WINDOW=1024`),
  );
/** A few scanners over a few dozen ports: rows that move their ports into blocks and sketches. */
const scanLine = fc
  .tuple(
    fc.constantFrom("203.0.113.7", "198.51.100.66", "2001:db8::bad"),
    fc.integer({ min: 1, max: 90 }),
    fc.nat(59),
  )
  .map(
    ([src, dpt, sec]) =>
      `Jan  1 00:00:${two(sec)} fw kernel: [ 5.5] [UFW BLOCK] IN=eth0 OUT= SRC=${src} DST=10.0.0.1 LEN=60 PROTO=TCP SPT=40000 DPT=${dpt}`,
  );
const anyLine = fc.oneof(
  { weight: 10, arbitrary: commonLine },
  { weight: 6, arbitrary: scanLine },
  { weight: 3, arbitrary: netfilterLine },
  { weight: 3, arbitrary: mutatedNetfilterLine },
  { weight: 1, arbitrary: edgeLine },
);

/** The bytes in chunks cut at the given points, as a stream delivers them. */
function chunked(bytes: Buffer, cuts: number[]): Readable {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    if (p > at) parts.push(bytes.subarray(at, p));
    at = p;
  }
  return Readable.from(parts);
}

/** File descriptors this process has open. */
function openFds(): number {
  return readdirSync("/proc/self/fd").length;
}

/** Everything a result says, rollups included, as plain data. */
function observable(r: TIngestResult): unknown {
  return {
    lines: r.lines,
    events: r.events,
    rejected: r.rejected,
    ignored: r.ignored,
    byFormat: r.byFormat,
    rejectedByReason: r.rejectedByReason,
    ignoredByReason: r.ignoredByReason,
    rejectedSamples: r.rejectedSamples,
    ignoredSamples: r.ignoredSamples,
    first: r.first,
    last: r.last,
    bytes: r.bytes,
    rollupCount: r.rollupCount,
    rollups: r.rollups,
    sourceCount: r.sources,
    sources: [...r.eachSource()].sort(),
  };
}

async function both(bytes: Buffer, cuts: number[], opts: TIngestOptions = {}) {
  const base = { referenceDate: REFERENCE, maxLineBytes: 200, ...opts };
  const kernel = await ingestStream(chunked(bytes, cuts), { ...base, useKernel: true });
  const plain = await ingestStream(chunked(bytes, cuts), { ...base, useKernel: false });
  return { kernel, plain };
}

describe("netfilter WebAssembly kernel", () => {
  it("is built in this checkout, so the tests below exercise it", () => {
    expect(kernelAvailable()).toBe(true);
  });

  it("gives exactly the TypeScript parsers' results: counts, rejections, samples and rollups", async () => {
    let kernelLines = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyLine, { minLength: 20, maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.boolean(),
        async (lines, cuts, forced) => {
          const bytes = Buffer.from(lines.join("\n") + "\n", "latin1");
          const { kernel, plain } = await both(bytes, cuts, forced ? { format: "netfilter" } : {});
          expect(observable(kernel)).toEqual(observable(plain));
          expect(plain.kernelLines).toBe(0);
          kernelLines += kernel.kernelLines;
        },
      ),
      { numRuns: 300 },
    );
    // A property that held because the kernel never ran would prove nothing.
    expect(kernelLines).toBeGreaterThan(1000);
  });

  it("reads a file where the read left it in its memory: the same results, lines across reads", async () => {
    // ingestFiles reads into buffers inside the kernel's memory, which it reads in place (it pads
    // the end of each window and puts the bytes back); small reads make lines straddle them.
    const dir = mkdtempSync(join(tmpdir(), "mlsec-kernel-"));
    const file = join(dir, "fw.log");
    let kernelLines = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(anyLine, { minLength: 20, maxLength: 300 }),
          fc.integer({ min: 64, max: 4096 }),
          async (lines, readChunkBytes) => {
            writeFileSync(file, lines.join("\n") + "\n", "latin1");
            const base = { referenceDate: REFERENCE, maxLineBytes: 200, readChunkBytes };
            const kernel = await ingestFiles([file], { ...base, useKernel: true });
            const plain = await ingestFiles([file], { ...base, useKernel: false });
            expect(observable(kernel)).toEqual(observable(plain));
            kernelLines += kernel.kernelLines;
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(kernelLines).toBeGreaterThan(1000);
  });

  it("hands the same batches to a rollup sink, late lines and continued rows included", async () => {
    // Lines over three days in no order, in several chunks: a day is handed over once another
    // has 256 events, and later lines for it start continued rows.
    const dayLine = fc
      .tuple(fc.integer({ min: 1, max: 3 }), commonLine)
      .map(([d, l]) =>
        l
          .replace(/^\w{3} [ \d]\d/, `Jan ${String(d).padStart(2, " ")}`)
          .replace(/^\d{4}-\d\d-\d\d/, `2026-01-0${d}`),
      );
    let continued = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 8, arbitrary: dayLine }, { weight: 2, arbitrary: anyLine }), {
          minLength: 1000,
          maxLength: 1600,
        }),
        fc.array(fc.nat(), { minLength: 2, maxLength: 8 }),
        async (lines, cuts) => {
          const bytes = Buffer.from(lines.join("\n") + "\n", "latin1");
          const run = async (useKernel: boolean, countOnly = false) => {
            const batches: { day: string; continued: boolean; size: number }[] = [];
            const write = (b: TRollupBatch) => {
              const counts = { day: b.day, continued: b.continued, size: b.size };
              if (countOnly) {
                expect(() => [...b.rollups()]).toThrow(/counts only/);
                batches.push(counts);
              } else
                batches.push({
                  ...counts,
                  rows: [...b.rollups()],
                  json: [...b.encoded()].map((r) => r.ip),
                } as typeof counts);
            };
            const r = await ingestStream(chunked(bytes, cuts), {
              referenceDate: REFERENCE,
              maxLineBytes: 200,
              useKernel,
              rollupSink: { lagDays: 0, countOnly, write },
            });
            return {
              batches,
              lines: r.lines,
              events: r.events,
              sources: r.sources,
              pairs: r.rollupCount,
              kernel: r.kernelLines,
            };
          };
          const kernel = await run(true);
          const plain = await run(false);
          expect({ ...kernel, kernel: 0 }).toEqual(plain);
          expect(kernel.kernel).toBeGreaterThan(0);
          // A sink that only counts sees the same days and sizes, whichever path counted them.
          const sizes = plain.batches.map(({ day, continued, size }) => ({ day, continued, size }));
          for (const useKernel of [true, false]) {
            const counted = await run(useKernel, true);
            expect(counted.batches).toEqual(sizes);
            expect(counted.pairs).toBe(plain.pairs);
            expect(counted.sources).toBe(plain.sources);
          }
          continued += kernel.batches.filter((b) => (b as { continued: boolean }).continued).length;
        },
      ),
      { numRuns: 25 },
    );
    // Late lines for days already handed over did happen, so continued rows were compared too.
    expect(continued).toBeGreaterThan(0);
  });

  it("reads windows with more IPv6 lines than one batch of IPv6 events holds", async () => {
    // ~450 IPv6 lines in each 64 KB window of lines: the kernel's batch (256) fills mid-window.
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 6 === 5
        ? `Jan  1 00:00:${String(i % 60).padStart(2, "0")} fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.${i % 250} DST=10.0.0.1 PROTO=TCP SPT=4000 DPT=22`
        : `Jan  1 00:${String(i % 60).padStart(2, "0")}:01 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=2001:db8::${(i % 700).toString(16)} DST=2001:db8::1 PROTO=UDP SPT=53 DPT=${i % 90}`,
    );
    const { kernel, plain } = await both(Buffer.from(lines.join("\n") + "\n"), []);
    expect(observable(kernel)).toEqual(observable(plain));
    // All but the lines that taught the kernel its prefix.
    expect(kernel.kernelLines).toBeGreaterThan(2990);
    expect(kernel.sources).toBeGreaterThan(700);
  });

  it("knows the addresses of days handed over, through late lines and second hand-overs", async () => {
    // Day 1, then day 2 (which hands day 1 over), late lines for day 1 (old and new addresses,
    // enough to be handed over again), day 3, late lines for days 1 and 2 again: every (day,
    // address) is one pair, and a late line for an address handed over starts a continued row.
    const at = (day: number, idx: number, port: number) => {
      const f = (idx * 40503) & 0xffff; // scrambled, so the addresses do not arrive sorted
      // One in three an IPv6 source, whose rows are kept outside the kernel.
      const src = idx % 3 === 0 ? `2001:db8::${f.toString(16)}` : `198.51.${f >> 8}.${f & 255}`;
      return `Jan  ${day} 00:00:01 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=${src} DST=10.0.0.1 PROTO=TCP SPT=1 DPT=${port}`;
    };
    const block = (day: number, from: number, n: number) =>
      Array.from({ length: n }, (_, i) => at(day, from + i, i % 50));
    const lines = [
      ...block(1, 0, 600),
      ...block(2, 0, 600),
      ...block(1, 300, 5000), // 300 handed over already, 4700 new: handed over again
      ...block(3, 0, 600),
      ...block(1, 200, 6000), // 5100 handed over, 900 new
      ...block(2, 550, 100), // 50 handed over, 50 new
    ];
    const bytes = Buffer.from(lines.join("\n") + "\n");
    const cuts = Array.from({ length: Math.ceil(bytes.length / 50_000) }, (_, i) => (i + 1) * 50_000);
    const run = async (
      useKernel: boolean,
      budgets: { maxSourceBytes?: number; maxClosedBytes?: number } = {},
    ) => {
      const batches: { day: string; continued: boolean; size: number }[] = [];
      const r = await ingestStream(chunked(bytes, cuts), {
        referenceDate: REFERENCE,
        useKernel,
        ...budgets,
        rollupSink: {
          lagDays: 0,
          write: (b: TRollupBatch) => {
            batches.push({ day: b.day, continued: b.continued, size: b.size });
          },
        },
      });
      const perSource = [...r.eachSource()].sort();
      // What went to disk is held in open, already unlinked files until dispose().
      const fds = openFds();
      r.dispose();
      const diskFiles = fds - openFds();
      return {
        batches,
        pairs: r.rollupCount,
        sources: r.sources,
        perSource,
        kernel: r.kernelLines,
        diskFiles,
      };
    };
    const kernel = await run(true);
    const plain = await run(false);
    expect({ ...kernel, kernel: 0 }).toEqual(plain);
    expect(kernel.kernel).toBeGreaterThan(12_000);
    expect(kernel.pairs).toBe(6200 + 650 + 600);
    expect(kernel.perSource).toHaveLength(6200);
    // Day 1 went out three times: on its own, as 5000 late rows, and at the end.
    expect(kernel.batches.filter((b) => b.day === "2026-01-01").length).toBeGreaterThanOrEqual(3);
    // With a budget of 1 byte for the distinct sources, every hand-over writes them to disk (an
    // IPv4 and an IPv6 run each time): the same sources and events come back from the merge.
    for (const useKernel of [true, false]) {
      const spilled = await run(useKernel, { maxSourceBytes: 1 });
      expect(spilled.diskFiles).toBeGreaterThanOrEqual(8);
      expect({ ...spilled, kernel: 0, diskFiles: 0 }).toEqual({ ...plain, diskFiles: 0 });
    }
    expect(kernel.diskFiles).toBe(0);
    // With a budget of 1 byte for the addresses handed over, every day's list goes to disk at
    // each hand-over (one file for the kernel's, one for the IPv6 ones), so the rows a day starts
    // afterwards are settled against the lists on disk when it is handed over again. With 20 KB,
    // a day has part of its list on disk and part in memory: both are searched. Still every
    // (day, address) exactly once.
    for (const maxClosedBytes of [1, 20_000]) {
      const setAside = await run(true, { maxClosedBytes });
      expect(setAside.diskFiles).toBe(2);
      expect({ ...setAside, kernel: 0, diskFiles: 0 }).toEqual({ ...plain, diskFiles: 0 });
    }
    // Without the kernel, the IPv4 lists are kept (and set aside) here: the same two files.
    for (const maxClosedBytes of [1, 20_000]) {
      const plainSetAside = await run(false, { maxClosedBytes });
      expect(plainSetAside.diskFiles).toBe(2);
      expect({ ...plainSetAside, diskFiles: 0 }).toEqual({ ...plain, diskFiles: 0 });
    }
  });

  it("hands the current day over early when its rows outgrow the memory budget, counting exactly", async () => {
    // One day of 40k lines from 20k sources over many ports: with a budget of 1 byte every chunk
    // hands the day over, and its later lines come back as continued rows of known addresses.
    const lines = Array.from({ length: 40_000 }, (_, i) => {
      const f = ((i % 20_000) * 40503) & 0xffff;
      return `Jan  1 00:00:${String(i % 60).padStart(2, "0")} fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=203.${f >> 8}.${f & 255}.${(i % 20_000) % 3} DST=10.0.0.1 PROTO=TCP SPT=1 DPT=${(i * 7) % 300}`;
    });
    const bytes = Buffer.from(lines.join("\n") + "\n");
    const cuts = Array.from({ length: Math.ceil(bytes.length / 200_000) }, (_, i) => (i + 1) * 200_000);
    const run = async (useKernel: boolean, maxHeldBytes?: number) => {
      const batches: { continued: boolean; size: number }[] = [];
      const r = await ingestStream(chunked(bytes, cuts), {
        referenceDate: REFERENCE,
        useKernel,
        rollupSink: {
          lagDays: 1,
          countOnly: true,
          ...(maxHeldBytes === undefined ? {} : { maxHeldBytes }),
          write: (b: TRollupBatch) => {
            batches.push({ continued: b.continued, size: b.size });
          },
        },
      });
      return { batches, pairs: r.rollupCount, sources: r.sources, events: r.events, lines: r.lines };
    };
    const budgeted = await run(true, 1);
    const plain = await run(false);
    const whole = await run(true);
    // Rows kept outside the kernel (other formats, IPv6, no kernel built) count as well.
    const plainBudgeted = await run(false, 1);
    for (const r of [budgeted, whole, plainBudgeted]) {
      expect({ pairs: r.pairs, sources: r.sources, events: r.events, lines: r.lines }).toEqual({
        pairs: plain.pairs,
        sources: plain.sources,
        events: plain.events,
        lines: plain.lines,
      });
    }
    // Without the budget the one day leaves once, at the end; with it, after every chunk.
    expect(whole.batches).toHaveLength(1);
    expect(budgeted.batches.length).toBeGreaterThan(10);
    expect(plainBudgeted.batches.length).toBeGreaterThan(10);
    const fresh = budgeted.batches.filter((b) => !b.continued).reduce((n, b) => n + b.size, 0);
    expect(fresh).toBe(plain.pairs);
    expect(budgeted.batches.some((b) => b.continued)).toBe(true);
  });

  it("counts the first 64 ports of a scan exactly and the rest in the same sketch", async () => {
    const lines = Array.from(
      { length: 300 },
      (_, i) =>
        `Jan  1 00:00:${String(i % 60).padStart(2, "0")} fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.77 DST=10.0.0.1 PROTO=TCP SPT=4000 DPT=${1000 + ((i * 7) % 150)}`,
    );
    const { kernel, plain } = await both(Buffer.from(lines.join("\n") + "\n"), []);
    expect(observable(kernel)).toEqual(observable(plain));
    const scan = kernel.rollups.find((r) => r.ip === "203.0.113.77");
    expect(Object.keys(scan?.ports ?? {})).toHaveLength(64);
    expect(scan?.distinctPorts).toBeGreaterThan(64);
    expect(kernel.kernelLines).toBeGreaterThan(250);
  });

  it("parses the common shape itself and learns each new log prefix from the TypeScript parser", async () => {
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) {
      const prefix = i % 2 === 0 ? "[UFW BLOCK]" : "[UFW AUDIT]";
      lines.push(
        `Jan  1 00:${String(i % 60).padStart(2, "0")}:00 fw kernel: [ ${i}.5] ${prefix} IN=eth0 OUT= SRC=203.0.113.${i % 7} DST=10.0.0.1 LEN=40 PROTO=TCP SPT=4000 DPT=${22 + (i % 3)}`,
      );
    }
    lines.push(
      "Jan  1 00:00:00 fw kernel: [ 9.5] [UFW BLOCK] IN=eth0 OUT= SRC=2001:DB8::7 DST=2001:db8::2 PROTO=UDP SPT=1 DPT=53",
      "Jan  1 00:00:00 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=2001:db8::1 DST=2001:db8::2 PROTO=UDP SPT=1 DPT=53",
      "Jan  1 00:00:01 fw kernel: [ 9.6] [UFW BLOCK] IN=eth0 OUT= SRC=::ffff:198.51.100.9 DST=::1 PROTO=UDP SPT=1 DPT=53",
    );
    const { kernel, plain } = await both(Buffer.from(lines.join("\n") + "\n"), []);
    expect(observable(kernel)).toEqual(observable(plain));
    // TypeScript reads the first line (which tells the format), the next line of each prefix
    // (which teaches the kernel that prefix), the line whose prefix has no "[uptime]" and the
    // IPv4-mapped source (which becomes IPv4); the kernel reads the rest, IPv6 sources included.
    expect(kernel.kernelLines).toBe(203 - 5);
    expect(kernel.events).toBe(203);
    expect(kernel.rollups.find((r) => r.ip === "2001:db8::7")?.events).toBe(1);
    expect(kernel.rollups.find((r) => r.ip === "198.51.100.9")?.events).toBe(1);
    const audit = kernel.rollups.find((r) => r.ip === "203.0.113.1");
    expect(audit?.actions).toEqual({ allow: 15, block: 14 });
  });

  it("hands an overlong line and a line of another format back, in order", async () => {
    const nf = "Jan  1 00:00:01 fw kernel: DROP IN=eth0 SRC=198.51.100.1 DST=10.0.0.1 PROTO=TCP SPT=1 DPT=2";
    const ssh = "Jan  1 00:00:04 gw sshd[42]: Failed password for root from 203.0.113.50 port 4242 ssh2";
    const lines = [nf, nf, `${nf} ${"P".repeat(300)}`, nf, ssh, nf, nf];
    const { kernel, plain } = await both(Buffer.from(lines.join("\r\n") + "\r\n"), [5, 150]);
    expect(observable(kernel)).toEqual(observable(plain));
    expect(kernel.rejectedByReason).toEqual({ "line-too-long": 1 });
    expect(kernel.byFormat).toEqual({ netfilter: 5, openssh: 1 });
    expect(kernel.kernelLines).toBeGreaterThan(0);
  });
});
