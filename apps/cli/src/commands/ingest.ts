import { closeSync, openSync, writeSync } from "node:fs";
// The events entry keeps zod out of this command's start (~25 ms): see its index.
import { FORMAT_NAMES, type TEvent, type TFormatName } from "@mlsec/core/events";
import { ingestFiles } from "@mlsec/core/ingest";
import { parseArgs, UsageError } from "../args.ts";
import type { TCommand } from "../command.ts";

const HELP = `Usage: mlsec ingest <file...> [options]

Parse firewall/SIEM logs (plain or gzip, detected from the bytes) into normalised events and per
day/source-IP rollups. The format is detected per line, so a file may mix formats. Every line is
accounted for: lines = events + rejected (malformed) + ignored (well-formed, no event).

Formats: ${FORMAT_NAMES.join(", ")}

Options:
  --format NAME           parse every line as this format (no detection)
  --columns a,b,...       column names for headerless CSV (time, src, sport, dst, dport, proto, action, host)
  --reference-date DATE   date that year-less syslog stamps are read against (default: now)
  --max-line-bytes N      longer lines are rejected as line-too-long (default 65536)
  --max-decompressed-bytes N  fail a gzip input that inflates beyond N bytes (default 64 GiB)
  --events-out FILE       also write each event as one JSON line to FILE
  --json                  print one JSON object:
                          {"lines","events","rejected","ignored","byFormat","rejectedByReason",
                           "ignoredByReason","sources","first","last","rollups","rejectedSamples"}
  --help                  this text
`;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new UsageError(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

/** Buffered synchronous JSON-lines writer: bounded memory whatever the event count. */
function eventWriter(path: string): { write: (e: TEvent) => void; close: () => void } {
  const fd = openSync(path, "w");
  let buf: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (buf.length > 0) writeSync(fd, buf.join(""));
    buf = [];
    size = 0;
  };
  return {
    write(e) {
      const line = `${JSON.stringify(e)}\n`;
      buf.push(line);
      size += line.length;
      if (size > 1 << 20) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}

function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? "none" : entries.map(([k, v]) => `${k} ${v}`).join(", ");
}

export const command: TCommand = {
  name: "ingest",
  summary: "parse logs into events and per-day rollups",
  help: HELP,
  async run(argv) {
    const args = parseArgs(argv, {
      format: { type: "string" },
      columns: { type: "list" },
      "reference-date": { type: "string" },
      "max-line-bytes": { type: "string" },
      "max-decompressed-bytes": { type: "string" },
      "events-out": { type: "string" },
      json: { type: "boolean" },
    });
    if (args.positionals.length === 0) throw new UsageError("name at least one log file");
    const format = args.strings.format;
    if (format !== undefined && !(FORMAT_NAMES as readonly string[]).includes(format)) {
      throw new UsageError(`unknown --format '${format}' (one of ${FORMAT_NAMES.join(", ")})`);
    }
    const refText = args.strings["reference-date"];
    const referenceDate = refText === undefined ? new Date() : new Date(refText);
    if (Number.isNaN(referenceDate.getTime()))
      throw new UsageError(`--reference-date is not a date: '${refText}'`);
    const columns = (args.lists.columns ?? [])
      .flatMap((c) => c.split(","))
      .map((c) => c.trim())
      .filter((c) => c !== "");
    const outPath = args.strings["events-out"];
    const writer = outPath === undefined ? null : eventWriter(outPath);
    try {
      const r = await ingestFiles(args.positionals, {
        referenceDate,
        ...(format === undefined ? {} : { format: format as TFormatName }),
        ...(columns.length > 0 ? { columns } : {}),
        ...(writer ? { onEvent: writer.write } : {}),
        maxLineBytes: positiveInt("max-line-bytes", args.strings["max-line-bytes"]),
        maxDecompressedBytes: positiveInt("max-decompressed-bytes", args.strings["max-decompressed-bytes"]),
        // Only counts are printed: each day's rows are counted, then dropped (never copied out of
        // the kernel) once the log has moved past that day, so memory follows the days in flight
        // rather than the file; late lines still count exactly, as continued rows. A day's rows
        // are also handed over whenever they pass 8 MB: smaller tables stay in cache, so 10M
        // generated lines (~190k sources a day) took 4.7-5.3 s against 5.7-6.3 s at the sink's
        // 32 MB default, and peaked at 107 MB instead of 155 MB (docs/benchmarks.md, session 5).
        rollupSink: { lagDays: 1, countOnly: true, maxHeldBytes: 8 * 1024 * 1024, write: () => undefined },
      });
      const summary = {
        lines: r.lines,
        events: r.events,
        rejected: r.rejected,
        ignored: r.ignored,
        byFormat: r.byFormat,
        rejectedByReason: r.rejectedByReason,
        ignoredByReason: r.ignoredByReason,
        sources: r.sources,
        first: r.first,
        last: r.last,
        rollups: r.rollupCount,
        rejectedSamples: r.rejectedSamples,
      };
      r.dispose();
      if (args.booleans.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        process.stdout.write(
          [
            `${r.lines} lines: ${r.events} events, ${r.rejected} rejected, ${r.ignored} ignored`,
            `formats:  ${formatCounts(r.byFormat)}`,
            `rejected: ${formatCounts(r.rejectedByReason)}`,
            `ignored:  ${formatCounts(r.ignoredByReason)}`,
            `${r.sources} distinct sources, ${r.rollupCount} day/source rollups, ${r.first ?? "-"} .. ${r.last ?? "-"}`,
            "",
          ].join("\n"),
        );
      }
      return 0;
    } finally {
      writer?.close();
    }
  },
};
