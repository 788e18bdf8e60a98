import { defineConfig } from "vitest/config";
import { E2E_SECRETS_KEYS } from "./apps/web/e2e/e2e-secrets-keys.ts";

// Three projects: pure unit tests, integration tests against the real PostgreSQL, Redis and S3
// server, and end-to-end tests that drive Debian's Chromium against the built portal.
export default defineConfig({
  test: {
    // Two unit files at a time (vitest's default on two CPUs is one). Integration and e2e run one
    // file at a time, and vitest runs such projects one after another, so `npm test`
    // (infra/run-tests.ts) runs the integration project in a second process beside unit and e2e.
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
