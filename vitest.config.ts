import { defineConfig } from "vitest/config";
import { E2E_SECRETS_KEYS } from "./apps/web/e2e/e2e-secrets-keys.ts";

// Three projects: pure unit tests, integration tests against the real PostgreSQL, Redis and S3
// server, and end-to-end tests that drive Debian's Chromium against the built portal.
export default defineConfig({
  test: {
    // Two at a time: on CI's two CPUs vitest's default is one, which ran the three projects one after
    // another. The unit files (pure) now run beside the browser tests, which mostly wait on the
    // portal and the worker; the integration files run after both, never beside the e2e platform
    // (both start workers and read the shared queues, database and bucket).
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
          sequence: { groupOrder: 1 },
          exclude: ["**/node_modules/**"],
          globalSetup: ["test/global-services.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
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
        },
      },
    ],
  },
});
