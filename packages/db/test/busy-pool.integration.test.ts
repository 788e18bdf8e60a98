import { afterAll, describe, expect, it, vi } from "vitest";
import { closeDb, isDatabaseBusy, withTenant } from "../src/index.ts";

// This file's process gets a pool of two connections (read when its client is made, below), so
// two long transactions hold all of it. bench/load.ts found the portal's polls failing with 500
// when 100 tenants' clients waited on Prisma's 2 s default; now they queue for
// DATABASE_TX_MAX_WAIT_MS and, past it, the API says 503 (isDatabaseBusy).
vi.stubEnv("DATABASE_POOL_MAX", "2");

afterAll(closeDb);

const hold = (ms: number) =>
  withTenant("busy-pool-test", (tx) => tx.$queryRawUnsafe(`SELECT pg_sleep(${ms / 1000})::text AS slept`));

describe("a tenant-scoped transaction when every pooled connection is busy", () => {
  it("queues for a connection instead of failing while the wait is short", async () => {
    const started = Date.now();
    // Ten transactions of 600 ms on two connections: about 3 s, the last ones waiting 2.4 s, past
    // Prisma's default of 2 s (with DATABASE_TX_MAX_WAIT_MS=2000 this test fails).
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => hold(600)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill("fulfilled"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  });

  it("fails as busy once it waited longer than its limit, and only then", async () => {
    const holders = [hold(2000), hold(2000)];
    await new Promise((r) => setTimeout(r, 200));
    const waiting = withTenant("busy-pool-test", (tx) => tx.$queryRawUnsafe("SELECT 1"), {
      maxWait: 300,
    });
    const err: unknown = await waiting.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseBusy(err)).toBe(true);
    await Promise.all(holders);
    expect(isDatabaseBusy(new Error("Unable to start a transaction in the given time"))).toBe(false);
    await expect(withTenant("busy-pool-test", (tx) => tx.$queryRawUnsafe("SELECT 1"))).resolves.toBeTruthy();
  });
});
