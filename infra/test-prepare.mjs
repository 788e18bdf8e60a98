// Before the test run: apply migrations to the configured database (idempotent).
import { spawnSync } from "node:child_process";
const run = spawnSync("node", ["infra/prisma-migrate.mjs"], { stdio: "inherit" });
process.exit(run.status ?? 1);
