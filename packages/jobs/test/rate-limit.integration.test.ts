import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { clearLimit, createConnection, hitLimit, peekLimit, retryAfterSeconds } from "../src/index.ts";

const redis = createConnection();
afterAll(async () => {
  await redis.quit();
});
const key = () => `test-rl:${randomUUID()}`;

describe("rate limiter on the real Redis", () => {
  it("counts hits in a window, limits past the limit and says how long is left", async () => {
    const k = key();
    const limit = { limit: 3, windowMs: 60_000 };
    const states = [];
    for (let i = 0; i < 5; i++) states.push(await hitLimit(redis, k, limit));
    expect(states.map((s) => s.count)).toEqual([1, 2, 3, 4, 5]);
    expect(states.map((s) => s.limited)).toEqual([false, false, false, true, true]);
    const last = states.at(-1);
    expect(last?.retryAfterMs).toBeGreaterThan(55_000);
    expect(last?.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(last && retryAfterSeconds(last)).toBe(60);
    // The window is the first hit's: later hits do not push its end back.
    expect(await redis.pttl(k)).toBeLessThanOrEqual(60_000);
  });

  it("expires the window, so the next hit starts a new one", async () => {
    const k = key();
    const limit = { limit: 1, windowMs: 300 };
    await hitLimit(redis, k, limit);
    expect((await hitLimit(redis, k, limit)).limited).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(await hitLimit(redis, k, limit)).toMatchObject({ count: 1, limited: false });
  });

  it("peeks without counting, counts costs (bytes), and clears", async () => {
    const k = key();
    const limit = { limit: 1000, windowMs: 60_000 };
    expect(await peekLimit(redis, k, limit, 10)).toMatchObject({ count: 0, limited: false });
    await hitLimit(redis, k, limit, 900);
    expect((await peekLimit(redis, k, limit, 50)).limited).toBe(false);
    expect((await peekLimit(redis, k, limit, 200)).limited).toBe(true);
    expect((await peekLimit(redis, k, limit)).count).toBe(900);
    // Cost 0 asks "is the limit reached?", as sign-in does before trying the password.
    await hitLimit(redis, k, limit, 100);
    expect((await peekLimit(redis, k, limit)).limited).toBe(true);
    await clearLimit(redis, k);
    expect(await peekLimit(redis, k, limit)).toMatchObject({ count: 0, limited: false });
  });

  it("counts concurrent hits exactly and gives the key an expiry", async () => {
    const k = key();
    const limit = { limit: 50, windowMs: 60_000 };
    const states = await Promise.all(Array.from({ length: 100 }, () => hitLimit(redis, k, limit)));
    expect(states.filter((s) => !s.limited)).toHaveLength(50);
    expect(await redis.pttl(k)).toBeGreaterThan(0);
  });
});
