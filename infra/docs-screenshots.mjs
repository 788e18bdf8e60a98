// `npm run docs:screenshots`: runs the e2e test that captures the dashboard, a report and an IP
// page from a real tenant while it checks accessibility (apps/web/e2e/accessibility.e2e.test.ts),
// then copies the pictures
// into docs/screenshots, so the docs show the portal as it is. Needs what the e2e tests need
// (PostgreSQL, Redis, the S3 server, Chromium).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const run = spawnSync(
  process.execPath,
  [
    join(root, "node_modules/vitest/vitest.mjs"),
    "run",
    "--project",
    "e2e",
    "apps/web/e2e/accessibility.e2e.test.ts",
  ],
  { cwd: root, stdio: "inherit" },
);
if (run.status !== 0) process.exit(run.status ?? 1);
const from = join(root, "apps/web/e2e/screenshots/docs");
const to = join(root, "docs/screenshots");
mkdirSync(to, { recursive: true });
for (const name of ["dashboard.png", "report.png", "ip.png"]) {
  copyFileSync(join(from, name), join(to, name));
  console.log(`docs/screenshots/${name}`);
}
