import { pingDatabase } from "@mlsec/db";
import { pingRedis } from "@mlsec/jobs";
import { pingStorage } from "@mlsec/storage";
// Relative, not "@/lib/...": health.integration.test.ts imports this file under vitest, which has
// no "@" alias.
import { noStore } from "../../../lib/no-store.ts";

/** A dependency the portal and the workers cannot work without, and how to tell it answers. */
export type TProbes = Record<string, () => Promise<void>>;
export type TCheck = { ok: true; ms: number } | { ok: false; ms: number; error: string };
export type THealth = { ok: boolean; checks: Record<string, TCheck> };

/** PostgreSQL, Redis and S3 as this process is configured to reach them. */
export const defaultProbes = (): TProbes => ({
  postgres: pingDatabase,
  redis: () => pingRedis(),
  s3: () => pingStorage(),
});

async function probe(run: () => Promise<void>, timeoutMs: number): Promise<TCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  // A probe that hangs (a black-holed address) must fail the check, not the health request.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([run(), timeout]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    const error = err instanceof Error ? err.message || err.name : String(err);
    return { ok: false, ms: Math.round(performance.now() - started), error };
  } finally {
    clearTimeout(timer);
  }
}

/** Every probe at once, each bounded, so one dead dependency cannot hide the state of the others. */
export async function checkHealth(probes: TProbes = defaultProbes(), timeoutMs = 3000): Promise<THealth> {
  const names = Object.keys(probes);
  const results = await Promise.all(
    names.map((n) => probe(probes[n] ?? (() => Promise.resolve()), timeoutMs)),
  );
  const checks = Object.fromEntries(names.map((n, i) => [n, results[i] as TCheck]));
  return { ok: results.every((r) => r.ok), checks };
}

/** 200 when every dependency answered; 503 naming the ones that did not, so a probe or a person sees which. */
export function healthResponse(health: THealth): Response {
  const failed = Object.entries(health.checks)
    .filter(([, c]) => !c.ok)
    .map(([n]) => n);
  return Response.json(
    { ok: health.ok, ...(failed.length > 0 ? { failed } : {}), checks: health.checks },
    { status: health.ok ? 200 : 503, headers: noStore() },
  );
}
