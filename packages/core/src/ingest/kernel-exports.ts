import { readdirSync, readFileSync, statSync } from "node:fs";

/**
 * Loading the WebAssembly ingest kernel (assembly/, built by build-kernel.mjs into dist/) and
 * the functions it exports. Parsing is wrapped by netfilter-kernel.ts, the rollup rows it keeps
 * by kernel-rollups.ts.
 */

const wasmUrl = new URL("../../dist/netfilter-kernel.wasm", import.meta.url);
const sourceDir = new URL("../../assembly/", import.meta.url);

export type TKernelExports = {
  // Shared (build-kernel.mjs): a SharedArrayBuffer, never detached when the memory grows.
  memory: { buffer: SharedArrayBuffer };
  // Parsing (netfilter-kernel.ts)
  setup(inputBytes: number): void;
  inputAt(): number;
  inputRoom(bytes: number): number;
  outputAt(): number;
  dayTableAt(): number;
  setReferenceYear(year: number): void;
  learnPrefix(slot: number, start: number, end: number, action: number): boolean;
  run(base: number, length: number, maxLine: number, from: number): number;
  v6EventCount(): number;
  v6EventsAt(): number;
  // Rollup rows (day-rows.ts, source-totals.ts, event-queue.ts)
  addEvent(
    day: number,
    ms: number,
    ip: number,
    port: number,
    proto: number,
    action: number,
    count: number,
  ): number;
  dayCount(): number;
  dayContinued(i: number): number;
  dayNumber(i: number): number;
  dayEvents(i: number): number;
  dayRows(i: number): number;
  dayRowPageAt(i: number, k: number): number;
  dayRowsPerPage(): number;
  dayPool(i: number): number;
  dayPoolPageAt(i: number, k: number): number;
  dayPoolPerPage(): number;
  daySketches(i: number): number;
  daySketchesAt(i: number): number;
  closeDay(i: number): void;
  heldBytes(): number;
  prepareExport(i: number, poolBase: number): number;
  sketchListAt(): number;
  sourceCount(): number;
  sourceIpsAt(): number;
  sourceEventsAt(): number;
  sourceBytes(): number;
  sourcesReset(): void;
  // Closed lists out of memory (closed-spill.ts)
  closedBytes(): number;
  dayClosedAt(i: number): number;
  dayClosedN(i: number): number;
  dropClosed(i: number): void;
  dayUnresolved(i: number): number;
  unresolvedAt(i: number): number;
  settleUnresolved(i: number): void;
  pairs(): number;
  firstSeen(): number;
  lastSeen(): number;
};

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

let compiled: TWasmModule | null | undefined;

/**
 * The compiled module, or null when it was not built (or is older than one of its sources, so a
 * stale build never parses differently from the code next to it).
 */
function kernelModule(): TWasmModule | null {
  if (compiled !== undefined) return compiled;
  try {
    const built = statSync(wasmUrl).mtimeMs;
    let newest = 0;
    try {
      for (const name of readdirSync(sourceDir))
        newest = Math.max(newest, statSync(new URL(name, sourceDir)).mtimeMs);
    } catch {
      // Deployed without the AssemblyScript sources: the built module is all there is.
    }
    compiled = built >= newest ? new wasm.Module(readFileSync(wasmUrl)) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

export function kernelAvailable(): boolean {
  return kernelModule() !== null;
}

/** A fresh instance (its own memory), or null without a built module. */
export function instantiateKernel(): TKernelExports | null {
  const module = kernelModule();
  if (module === null) return null;
  const instance = new wasm.Instance(module, {
    env: {
      abort: () => {
        throw new Error("the WebAssembly ingest kernel aborted");
      },
    },
  });
  return instance.exports as TKernelExports;
}
