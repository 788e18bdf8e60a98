// Generates the Prisma client without the native engines (see CONTRIBUTING.md, "Prisma offline").
// PRISMA_SCHEMA_ENGINE_BINARY must name an existing file, or the CLI tries to download one.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const run = spawnSync("npx", ["prisma", "generate"], { cwd: root, env, stdio: "inherit" });
process.exit(run.status ?? 1);
