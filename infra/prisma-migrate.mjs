// Applies prisma/migrations with Prisma's JavaScript schema engine (no native binary needed).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const run = spawnSync("npx", ["prisma", "migrate", "deploy"], { cwd: root, env, stdio: "inherit" });
process.exit(run.status ?? 1);
