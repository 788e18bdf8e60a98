import { readFileSync, statSync } from "node:fs";
import { ACTIONS, type TAction } from "../rollup/ip-day-rollup.ts";
import type { TParseContext } from "./parse-context.ts";
import { bsdMidnight } from "./parse-time.ts";

/**
 * The WebAssembly fast path for netfilter lines (assembly/netfilter-kernel.ts). It parses a
 * window of lines into fixed-size records; the lines it cannot vouch for are marked for the
 * TypeScript parsers. Measured on 1M generated iptables lines it parses ~3x faster than the
 * TypeScript hot path (docs/benchmarks.md), which matters because ingestion is the one stage
 * whose input is as large as the customer's logs.
 */

const wasmUrl = new URL("../../dist/netfilter-kernel.wasm", import.meta.url);
const sourceUrl = new URL("../../assembly/netfilter-kernel.ts", import.meta.url);

/** Bytes of one window the kernel takes; longer windows go to the TypeScript parsers. */
export const KERNEL_WINDOW_BYTES = 256 * 1024;
/** i32 words per record. */
export const KERNEL_RECORD_WORDS = 8;
export const KERNEL_EVENT = 0;
export const KERNEL_HOST = 1;
export const KERNEL_NEW_PREFIX = 2;
const PREFIX_SLOTS = 16;
const DAY_MS = 86_400_000;

// The few WebAssembly globals used here, typed locally: the project's type libraries (ES2023 and
// @types/node 20) do not declare them.
type TWasmModule = { readonly kind: "module" };
type TWasm = {
  Module: new (bytes: Uint8Array) => TWasmModule;
  Instance: new (
    module: TWasmModule,
    imports: Record<string, Record<string, unknown>>,
  ) => {
    exports: unknown;
  };
};
const wasm = (globalThis as unknown as { WebAssembly: TWasm }).WebAssembly;

type TKernelExports = {
  memory: { buffer: ArrayBuffer };
  setup(inputBytes: number, records: number): void;
  inputAt(): number;
  outputAt(): number;
  dayTableAt(): number;
  learnPrefix(slot: number, start: number, end: number, action: number): boolean;
  parse(length: number, maxLine: number): number;
};

let compiled: TWasmModule | null | undefined;

/**
 * The compiled module, or null when it was not built (or is older than its source, so a stale
 * build never parses differently from the code next to it).
 */
function kernelModule(): TWasmModule | null {
  if (compiled !== undefined) return compiled;
  try {
    const built = statSync(wasmUrl).mtimeMs;
    let source = 0;
    try {
      source = statSync(sourceUrl).mtimeMs;
    } catch {
      // Deployed without the AssemblyScript source: the built module is all there is.
    }
    compiled = built >= source ? new wasm.Module(readFileSync(wasmUrl)) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

export function kernelAvailable(): boolean {
  return kernelModule() !== null;
}

/** One kernel instance (its own memory and prefix table) per ingest session. */
export class NetfilterKernel {
  private readonly x: TKernelExports;
  private readonly inputAt: number;
  private readonly dayTableAt: number;
  private nextSlot = 0;
  /** Records of the last `parse`: KERNEL_RECORD_WORDS i32 per line. */
  readonly records: Int32Array;

  static create(): NetfilterKernel | null {
    const module = kernelModule();
    if (module === null) return null;
    const instance = new wasm.Instance(module, {
      env: {
        abort: () => {
          throw new Error("netfilter kernel aborted");
        },
      },
    });
    return new NetfilterKernel(instance.exports as TKernelExports);
  }

  private constructor(x: TKernelExports) {
    this.x = x;
    // One record per byte at most (a window of empty lines).
    x.setup(KERNEL_WINDOW_BYTES, KERNEL_WINDOW_BYTES);
    // Views are taken after setup: growing the memory detaches earlier ones.
    this.inputAt = x.inputAt();
    this.dayTableAt = x.dayTableAt();
    this.records = new Int32Array(x.memory.buffer, x.outputAt(), KERNEL_WINDOW_BYTES * KERNEL_RECORD_WORDS);
  }

  /** Year-less dates are read against this context's reference date, as parseTimeAt does. */
  useContext(ctx: TParseContext): void {
    const days = new Int32Array(this.x.memory.buffer, this.dayTableAt, 12 * 32);
    for (let month = 0; month < 12; month++) {
      for (let day = 0; day < 32; day++) {
        const midnight = day === 0 ? -1 : bsdMidnight(ctx, month, day);
        days[month * 32 + day] = midnight < 0 ? -0x80000000 : Math.floor(midnight / DAY_MS);
      }
    }
  }

  /**
   * Parses buf[start, end) (whole lines); returns the number of records. Lines longer than
   * `maxLine` are left to the caller, as every line the kernel cannot vouch for.
   */
  parse(buf: Uint8Array, start: number, end: number, maxLine: number): number {
    new Uint8Array(this.x.memory.buffer, this.inputAt, end - start).set(buf.subarray(start, end));
    return this.x.parse(end - start, maxLine);
  }

  /**
   * Teaches the kernel the log prefix of record `i` of the last parse (a KERNEL_NEW_PREFIX
   * record), with the action the TypeScript parser gave its line.
   */
  learnPrefix(i: number, action: TAction): void {
    const o = i * KERNEL_RECORD_WORDS;
    const start = this.records[o + 5] ?? 0;
    const end = this.records[o + 6] ?? 0;
    if (this.x.learnPrefix(this.nextSlot, start, end, ACTIONS.indexOf(action)))
      this.nextSlot = (this.nextSlot + 1) % PREFIX_SLOTS;
  }
}
