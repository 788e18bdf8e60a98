import { FORMAT_NAMES, type TFormatName } from "../events/format-names.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { detectFormat, unrecognisedReason } from "./detect-format.ts";
import { IGNORED_REASONS, NOT_THIS_FORMAT, type TOutcome } from "./outcome.ts";
import { createParseContext, type TParseContext } from "./parse-context.ts";
import { ParsedRecord } from "./parsed-record.ts";
import { readCsvHeader } from "./parsers/csv.ts";
import { PARSER_BY_FORMAT } from "./parsers/index.ts";
import type { TLineParser } from "./parsers/line-parser.ts";
import { parseNetfilterText } from "./parsers/netfilter.ts";
import { readW3cDirective } from "./parsers/windows-firewall.ts";
import { emitLines, type TLineSink } from "./read-lines.ts";
import type { TLineSample, TSessionOptions, TSessionResult } from "./session-types.ts";
import { parseSyslogHeader } from "./syslog-header.ts";
import { RollupAccumulator } from "./rollup-accumulator.ts";
import type { TRollupBatch, TRollupSink } from "./rollup-sink.ts";
import type { TToEvent } from "./to-event.ts";
import {
  KERNEL_NEW_PREFIX,
  KERNEL_V6_FULL,
  KERNEL_WINDOW_BYTES,
  NetfilterKernel,
  type TV6Event,
} from "./netfilter-kernel.ts";

const SAMPLES_PER_REASON = 20;
const SAMPLE_CHARS = 512;
const FORMAT_INDEX = new Map<TFormatName, number>(FORMAT_NAMES.map((f, i) => [f, i]));
const NETFILTER = FORMAT_INDEX.get("netfilter") ?? 0;
// Lines at the start of a file read one at a time while the format is not known yet.
const DETECT_LINES = 64;

/**
 * Turns the lines of one or more inputs into counters and rollups. Every line ends in exactly
 * one bucket: an event, a rejection (malformed) or an ignored line (well-formed, no event), so
 * lines === events + rejected + ignored always holds.
 */
export class IngestSession implements TLineSink {
  private ctx: TParseContext;
  private readonly rec = new ParsedRecord();
  private readonly acc: RollupAccumulator;
  private readonly forced: TLineParser | null;
  private readonly byFormat = new Float64Array(FORMAT_NAMES.length);
  private readonly rejectedByReason = new Map<string, number>();
  private readonly ignoredByReason = new Map<string, number>();
  private readonly rejectedSamples: TLineSample[] = [];
  private readonly ignoredSamples: TLineSample[] = [];
  private file: string | undefined;
  private inflight: Promise<void>[] = [];
  private fileLine = 0;
  private readonly kernel: NetfilterKernel | null;
  private kernelParses: boolean;
  /** Events are built for opts.onEvent until opts.wantsEvents says no more are needed. */
  private eventsOn: boolean;
  private buffers: readonly [Buffer, Buffer] | undefined;
  // Events of IPv6 sources the kernel read: counted here, where IPv6 rows are kept.
  private readonly v6Event: TV6Event = (day, ms, words, port, proto, action) =>
    this.acc.addV6(day, ms, words, port, proto, action);
  /** Format of the line last turned into an event. */
  private accepted: TFormatName | null = null;
  kernelLines = 0;
  lines = 0;
  events = 0;
  rejected = 0;
  ignored = 0;

  /**
   * `toEvent` builds events for opts.onEvent; it is passed in (ingest-stream.ts imports it only
   * when there is an onEvent) because it classifies addresses with ip-num, which costs a plain
   * `mlsec ingest` start ~20 ms to load.
   */
  constructor(
    private readonly opts: TSessionOptions,
    private readonly toEvent: TToEvent | null = null,
  ) {
    this.forced = opts.format ? (PARSER_BY_FORMAT.get(opts.format) ?? null) : null;
    // Events for onEvent need every field (host, ports, IPv6 text); the kernel reads only what
    // rollups use, so it parses nothing while events are wanted (nor when another format is
    // forced). Its rows still count every IPv4 event: they bound memory as the plain path's
    // tables do not.
    this.eventsOn = opts.onEvent !== undefined;
    this.kernelParses = !this.eventsOn && this.kernelMayParse();
    this.kernel = opts.useKernel !== false ? NetfilterKernel.create() : null;
    this.acc = new RollupAccumulator(this.kernel?.rollups ?? null, opts.maxSourceBytes, opts.maxClosedBytes);
    this.ctx = this.newContext();
  }

  /** The kernel reads netfilter only: not when another format is forced. */
  private kernelMayParse(): boolean {
    return this.forced === null || this.forced.format === "netfilter";
  }

  /** Hands the record to opts.onEvent, and lets the kernel parse from the next line once it wants no more. */
  private emitEvent(format: TFormatName, offset: number): void {
    if (!this.toEvent || !this.opts.onEvent) return;
    this.opts.onEvent(this.toEvent(this.rec, format, this.fileLine, offset));
    if (this.opts.wantsEvents && !this.opts.wantsEvents()) {
      this.eventsOn = false;
      this.kernelParses = this.kernelMayParse();
    }
  }

  private newContext(): TParseContext {
    const ctx = createParseContext(this.opts.referenceDate ?? new Date(), this.opts.columns);
    this.kernel?.useContext(ctx);
    return ctx;
  }

  /** Whether the next line is tried as netfilter first (forced, or the format of the last event). */
  private netfilterFirst(): boolean {
    const forced = this.forced;
    return forced === null ? this.ctx.last === "netfilter" : forced.format === "netfilter";
  }

  /**
   * Two buffers of `bytes` for reading files into, the same for every file of the session: in
   * the kernel's memory when it parses, so windows of them are read where they lie.
   */
  readBuffers(bytes: number): readonly [Buffer, Buffer] | undefined {
    const kernel = this.kernel;
    if (kernel === null || !this.kernelParses) return undefined;
    this.buffers ??= [kernel.readRoom(bytes), kernel.readRoom(bytes)];
    return this.buffers[0].length >= bytes ? this.buffers : undefined;
  }

  /** Headers (W3C, CSV) and format memory are per file. */
  startFile(name?: string): void {
    this.file = name;
    this.fileLine = 0;
    this.ctx = this.newContext();
  }

  /**
   * A window of whole lines through the WebAssembly kernel, which counts events line after line
   * until one it leaves to the TypeScript parsers; that line goes through line(), exactly as if
   * readLines had handed it over, and the kernel resumes after it. While another format is the
   * one tried first, lines go one at a time, so counts, rejections and samples do not depend on
   * which path a line took.
   */
  window(buf: Buffer, start: number, end: number, offset: number, max: number): boolean {
    const kernel = this.kernel;
    if (kernel === null || !this.kernelParses) return false;
    const win = buf.subarray(start, end);
    if (end - start > KERNEL_WINDOW_BYTES && !kernel.inRoom(win)) return false;
    // Past the first lines of a file, a window that does not start as netfilter is evidently
    // another format: the plain path reads it faster. Before that, lines of another format go
    // one at a time, so a whole read's worth of them is refused: readLines then offers windows
    // of ~64 KiB, and a file of another format leaves this path after the first.
    if (!this.netfilterFirst() && (this.fileLine >= DETECT_LINES || end - start > KERNEL_WINDOW_BYTES))
      return false;
    const progress = this.opts.onProgress;
    let loaded = false;
    for (let from = 0; from < win.length;) {
      if (!this.netfilterFirst()) {
        const nl = win.indexOf(10, from);
        const next = nl < 0 ? win.length : nl + 1;
        emitLines(this, win.subarray(from, next), offset + from, max);
        from = next;
        continue;
      }
      if (!loaded) kernel.load(win);
      loaded = true;
      const events = kernel.run(win.length, max, from) + kernel.drainV6(this.v6Event);
      const stop = kernel.stop();
      if (events > 0) {
        const before = this.lines;
        this.lines += events;
        this.fileLine += events;
        this.kernelLines += events;
        this.events += events;
        this.byFormat[NETFILTER] = (this.byFormat[NETFILTER] ?? 0) + events;
        if (progress && before >>> 16 !== this.lines >>> 16)
          progress({ bytes: offset + stop.start, lines: this.lines });
      }
      if (stop.start >= win.length) break;
      if (stop.status === KERNEL_V6_FULL) {
        from = stop.start;
        continue;
      }
      // Only this line is decoded: a few odd lines in every window would otherwise cost a
      // decode of every window.
      this.accepted = null;
      emitLines(this, win.subarray(stop.start, stop.end + 1), offset + stop.start, max);
      if (stop.status === KERNEL_NEW_PREFIX && this.accepted === "netfilter")
        kernel.learnPrefix(stop.prefixStart, stop.prefixEnd, this.rec.action);
      from = stop.end + 1;
    }
    return true;
  }

  line(buf: Buffer, latin1: string, s: number, e: number, offset: number): void {
    this.lines++;
    this.fileLine++;
    if ((this.lines & 0xffff) === 0 && this.opts.onProgress)
      this.opts.onProgress({ bytes: offset, lines: this.lines });
    if (this.netfilterFirst()) {
      // Hot path: the byte parser fills every record field on success, so no reset is needed.
      const outcome = parseNetfilterText(latin1, s, e, this.ctx, this.rec);
      if (outcome === null) {
        // accept() without its format lookup: this runs for every line of a netfilter log.
        this.events++;
        this.byFormat[NETFILTER] = (this.byFormat[NETFILTER] ?? 0) + 1;
        this.acc.add(this.rec);
        this.accepted = "netfilter";
        if (this.eventsOn) this.emitEvent("netfilter", offset);
        return;
      }
      if (outcome !== NOT_THIS_FORMAT || this.forced !== null)
        return this.refuse(outcome, buf.toString("utf8", s, Math.min(e, s + 4 * SAMPLE_CHARS)));
    }
    this.textLine(buf.toString("utf8", s, e), offset);
  }

  private textLine(text: string, offset: number): void {
    const ctx = this.ctx;
    if (text.trim() === "") return this.refuse("blank", text);
    let parser = this.forced;
    if (
      text.charCodeAt(0) === 35 &&
      (parser === null || parser.format === "windows-firewall" || parser.format === "csv")
    ) {
      return this.refuse(readW3cDirective(text, ctx) ? "header" : "comment", text);
    }
    if (parser === null) {
      const last = ctx.last === null ? undefined : PARSER_BY_FORMAT.get(ctx.last);
      parser = last?.sniff(text, ctx) ? last : detectFormat(text, ctx);
    }
    if ((parser === null || parser.format === "csv") && readCsvHeader(text, ctx))
      return this.refuse("header", text);
    if (parser === null) {
      // In a syslog file that already yielded events (auth.log, a firewall's mixed log), other
      // daemons' lines are expected: well-formed, no event. Elsewhere the line is unrecognised.
      const syslogOther = ctx.last !== null && isSyslogLine(text, ctx);
      return this.refuse(syslogOther ? "not-an-event" : unrecognisedReason(text), text);
    }
    this.rec.reset();
    let outcome: TOutcome;
    try {
      outcome = parser.parse(text, ctx, this.rec);
    } catch {
      // Parsers are written not to throw; if one does, the line is still accounted for.
      outcome = "parser-error";
    }
    if (outcome === null) {
      ctx.last = parser.format;
      return this.accept(parser.format, offset);
    }
    this.refuse(outcome, text);
  }

  private accept(format: TFormatName, offset: number): void {
    this.events++;
    const i = FORMAT_INDEX.get(format) ?? 0;
    this.byFormat[i] = (this.byFormat[i] ?? 0) + 1;
    this.acc.add(this.rec);
    this.accepted = format;
    if (this.eventsOn) this.emitEvent(format, offset);
  }

  private refuse(reason: string, text: string): void {
    const ignored = IGNORED_REASONS.has(reason);
    const counts = ignored ? this.ignoredByReason : this.rejectedByReason;
    const n = (counts.get(reason) ?? 0) + 1;
    counts.set(reason, n);
    if (ignored) this.ignored++;
    else this.rejected++;
    if (n <= SAMPLES_PER_REASON) {
      const sample: TLineSample = { reason, line: this.fileLine, text: text.slice(0, SAMPLE_CHARS) };
      if (this.file !== undefined) sample.file = this.file;
      (ignored ? this.ignoredSamples : this.rejectedSamples).push(sample);
    }
  }

  overlong(_offset: number, head: Buffer): void {
    this.lines++;
    this.fileLine++;
    this.refuse("line-too-long", head.toString("utf8"));
  }

  brokenGzip(reason: "gzip-truncated" | "gzip-corrupt", _offset: number, tail: Buffer): void {
    // The unreadable remainder is accounted as one rejected line carrying what was decoded of it.
    this.lines++;
    this.fileLine++;
    this.refuse(reason, tail.toString("utf8"));
  }

  /** Between input chunks: hands days the log has moved past to the rollup sink, if any. */
  afterChunk(): Promise<void> | undefined {
    const sink = this.opts.rollupSink;
    if (!sink) return undefined;
    const due = this.acc.takeDue(sink.lagDays ?? 2, false, sink.countOnly, sink.maxHeldBytes);
    return due.length === 0 ? undefined : this.send(sink, due);
  }

  private async send(sink: TRollupSink, batches: TRollupBatch[]): Promise<void> {
    for (const batch of batches) {
      // Up to `concurrency` writes in flight while parsing goes on: the parser overlaps the sink
      // (a database on other cores), and the rows held stay bounded however slow the sink is.
      while (this.inflight.length >= Math.max(1, sink.concurrency ?? 1)) await this.inflight.shift();
      const write = Promise.resolve(sink.write(batch));
      write.catch(() => undefined); // awaited by a later send or by drain
      this.inflight.push(write);
    }
  }

  /** At the end of the input: hands every remaining row to the rollup sink and waits for it. */
  async drain(): Promise<void> {
    const sink = this.opts.rollupSink;
    if (!sink) return;
    await this.send(sink, this.acc.takeDue(0, true, sink.countOnly));
    while (this.inflight.length > 0) await this.inflight.shift();
  }

  finish(): TSessionResult {
    const byFormat: Record<string, number> = {};
    FORMAT_NAMES.forEach((f, i) => {
      const n = this.byFormat[i] ?? 0;
      if (n > 0) byFormat[f] = n;
    });
    const acc = this.acc;
    acc.finish();
    const streamed = (): never => {
      throw new Error("the rollups went to the rollup sink while streaming");
    };
    const result = {
      lines: this.lines,
      events: this.events,
      rejected: this.rejected,
      ignored: this.ignored,
      byFormat,
      rejectedByReason: Object.fromEntries([...this.rejectedByReason].sort()),
      ignoredByReason: Object.fromEntries([...this.ignoredByReason].sort()),
      rejectedSamples: this.rejectedSamples,
      ignoredSamples: this.ignoredSamples,
      sources: acc.countSources(),
      first: this.events > 0 ? new Date(acc.firstSeen).toISOString() : null,
      last: this.events > 0 ? new Date(acc.lastSeen).toISOString() : null,
      rollupCount: acc.size,
      kernelLines: this.kernelLines,
      eachRollup: () => (this.opts.rollupSink ? streamed() : acc.rollups()),
      eachSource: () => acc.eachSource(),
      dispose: () => acc.dispose(),
    };
    let built: TIpDayRollup[] | null = null;
    Object.defineProperty(result, "rollups", {
      enumerable: false,
      get: () => (this.opts.rollupSink ? streamed() : (built ??= [...acc.rollups()])),
    });
    return result as typeof result & { readonly rollups: TIpDayRollup[] };
  }
}

function isSyslogLine(text: string, ctx: TParseContext): boolean {
  const head = parseSyslogHeader(text, ctx);
  return head.timeMs >= 0 && /^[\w./-]+(?:\[\d+\])?: /.test(text.slice(head.rest));
}
