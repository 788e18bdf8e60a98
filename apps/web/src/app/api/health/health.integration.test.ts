import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { closeDb, pingDatabase } from "@mlsec/db";
import { pingStorage } from "@mlsec/storage";
import { freePort, ownRedis, type TOwnRedis } from "../../../../../../test/own-redis.ts";
import { checkHealth, healthResponse } from "./check-health.ts";
import { GET } from "./route.ts";

// The route itself, pointed at a redis-server of this test's own (REDIS_URL is read per request),
// with the real PostgreSQL and S3 server beside it.
let redis: TOwnRedis | null = null;
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  await redis?.stop();
  await closeDb();
});

type TBody = { ok: boolean; failed?: string[]; checks: Record<string, { ok: boolean; error?: string }> };

describe("/api/health", () => {
  it("answers 200 while PostgreSQL, Redis and S3 answer, and 503 naming Redis once it is stopped", async () => {
    redis = await ownRedis();
    vi.stubEnv("REDIS_URL", redis.url);
    const up = await GET();
    const upBody = (await up.json()) as TBody;
    expect(up.status, JSON.stringify(upBody)).toBe(200);
    expect(upBody.ok).toBe(true);
    expect(Object.keys(upBody.checks).sort()).toEqual(["postgres", "redis", "s3"]);
    expect(up.headers.get("cache-control")).toBe("no-store");

    await redis.stop();
    const down = await GET();
    const body = (await down.json()) as TBody;
    expect(down.status).toBe(503);
    expect(body.ok).toBe(false);
    expect(body.failed).toEqual(["redis"]);
    expect(body.checks.redis?.ok).toBe(false);
    expect(body.checks.redis?.error).toMatch(/ECONNREFUSED|connect/i);
    expect(body.checks.postgres?.ok).toBe(true);
    expect(body.checks.s3?.ok).toBe(true);

    await redis.start();
    expect((await GET()).status).toBe(200);
  });

  it("names S3 when the S3 server does not answer, and a probe that hangs times out", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const client = new S3Client({
      endpoint: closed,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
      maxAttempts: 1,
    });
    const s3 = { bucket: "mlsec", client, writes: client };
    const health = await checkHealth(
      { postgres: pingDatabase, s3: () => pingStorage(s3), hangs: () => new Promise<void>(() => undefined) },
      500,
    );
    const res = healthResponse(health);
    const body = (await res.json()) as TBody;
    expect(res.status).toBe(503);
    expect(body.failed).toEqual(["s3", "hangs"]);
    expect(body.checks.hangs?.error).toBe("no answer within 500 ms");
    expect(body.checks.postgres?.ok).toBe(true);
  });
});
