// Before the test run: rebuild the WebAssembly ingest kernel (so tests never meet a module older
// than its source) and apply migrations to the configured database (idempotent).
import { spawnSync } from "node:child_process";
for (const script of ["packages/core/build-kernel.mjs", "infra/prisma-migrate.mjs"]) {
  const run = spawnSync("node", [script], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
