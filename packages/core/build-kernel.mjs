// Compiles the WebAssembly ingest kernel (assembly/netfilter-kernel.ts, AssemblyScript) to
// dist/netfilter-kernel.wasm. Run by the root `postinstall` and before the tests; ingestion
// loads the module when it is there and at least as new as its source, and parses every line
// with the TypeScript parsers otherwise (same results, about 3x slower on netfilter logs).
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "assembly", "netfilter-kernel.ts");
const target = join(here, "dist", "netfilter-kernel.wasm");

async function build() {
  const asc = await import("assemblyscript/asc");
  mkdirSync(dirname(target), { recursive: true });
  const { error, stderr } = await asc.main([
    source,
    "--outFile",
    target,
    "--optimizeLevel",
    "3",
    "--shrinkLevel",
    "0",
    // TLSF allocation with a working free (rows of a day leave memory once copied out); no
    // objects are managed, so the collector never runs.
    "--runtime",
    "minimal",
    // Bounds are checked by construction (the host sizes every buffer in setup).
    "--noAssert",
    // Shared memory: its buffer is never detached when it grows, so the host can read a file
    // straight into it while the kernel runs (read-file-chunks.ts) instead of copying every
    // window in. 65536 pages (4 GiB) is only reserved address space.
    "--sharedMemory",
    "--maximumMemory",
    "65536",
    "--enable",
    "simd,threads",
  ]);
  if (error) throw new Error(`${error.message}\n${stderr.toString()}`);
}

try {
  await build();
} catch (err) {
  // Not fatal for `npm ci`: ingestion then runs on the TypeScript parsers alone.
  rmSync(target, { force: true });
  process.stderr.write(
    `packages/core/build-kernel.mjs: no WebAssembly kernel, ingestion will use the TypeScript parsers only:\n${err instanceof Error ? err.message : String(err)}\n`,
  );
}
