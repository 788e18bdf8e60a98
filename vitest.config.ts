import { defineConfig } from "vitest/config";
import { E2E_SECRETS_KEYS } from "./apps/web/e2e/e2e-secrets-keys.ts";

// Projects: pure unit tests, integration tests against the real PostgreSQL, Redis and S3 server
// (split in two, see integration-shared), and end-to-end tests that drive Debian's Chromium
// against the built portal.
// Integration files run one at a time: several start worker processes, and two at once on two
// CPUs push lock and stall timings past their bounds.
const integration = {
  globalSetup: ["test/global-services.ts"],
  testTimeout: 120_000,
  hookTimeout: 120_000,
  fileParallelism: false,
};
const SHARED_STATE_FILES = [
  "packages/pipeline/test/community.integration.test.ts",
  "apps/worker/test/community.integration.test.ts",
  "packages/pipeline/test/tenant-lifecycle.integration.test.ts",
];

export default defineConfig({
  test: {
    // Two unit files at a time (vitest's default on two CPUs is one). A project with file
    // parallelism off runs one file at a time, and vitest runs such projects one after another, so
    // `npm test` (infra/run-tests.ts) runs the integration project in a second process beside the
    // others.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "packages/*/src/**/*.test.ts",
            "packages/*/test/**/*.test.ts",
            "apps/*/src/**/*.test.ts",
            "apps/cli/test/**/*.test.ts",
          ],
          exclude: ["**/*.integration.test.ts", "**/*.e2e.test.ts", "**/node_modules/**"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts"],
          exclude: ["**/node_modules/**", ...SHARED_STATE_FILES],
          ...integration,
        },
      },
      {
        // Files that read or write state across tenants (the community pool and its latest run),
        // which the e2e community test also touches: run before e2e in the same process, never
        // beside it.
        test: {
          name: "integration-shared",
          include: SHARED_STATE_FILES,
          sequence: { groupOrder: 1 },
          ...integration,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["apps/web/e2e/**/*.e2e.test.ts"],
          globalSetup: ["test/global-services.ts", "apps/web/e2e/global-platform.ts"],
          // The tests open secrets the e2e portal sealed (apps/web/e2e/e2e-secrets-keys.ts).
          env: { SECRETS_ENCRYPTION_KEYS: E2E_SECRETS_KEYS },
          testTimeout: 180_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          // One worker runs every file, keeping its module cache: otherwise each file re-imports
          // Playwright, the db client and the seed helpers (CI showed gaps of about 10 s between
          // e2e files). The helpers keep no state across files (each file launches and closes its
          // own browser; closeDb drops the client, the next getDb opens a new one).
          isolate: false,
          // Last in its process (after unit and integration-shared); a non-isolated project needs
          // its own group number, vitest only queues isolated one-worker projects on its own.
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
