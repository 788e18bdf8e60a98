#!/usr/bin/env node
// Runs the pre-built bundle (apps/cli/build.mjs, run by the root postinstall) when it is newer
// than every source it was built from; otherwise compiles the TypeScript sources with tsx, which
// costs ~0.5 s per start but is always current.
import { readFileSync, statSync } from "node:fs";

const dist = new URL("../dist/", import.meta.url);
const root = new URL("../../../", import.meta.url);

function bundleIsFresh() {
  try {
    const built = statSync(new URL("mlsec.mjs", dist)).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL("inputs.json", dist), "utf8"));
    if (!Array.isArray(inputs) || inputs.length === 0) return false;
    // A deleted or renamed source throws here, which also means "stale".
    return inputs.every((p) => statSync(new URL(p, root)).mtimeMs <= built);
  } catch {
    return false;
  }
}

let main;
if (bundleIsFresh()) ({ main } = await import(new URL("mlsec.mjs", dist).href));
else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
