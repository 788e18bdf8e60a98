import pg from "pg";
import { loadDbEnv } from "@mlsec/config";

/**
 * The community pool is shared by every tenant of the test database: each training and report
 * reads all contributions and community feeds of its window (packages/pipeline community-pool.ts).
 * Whenever integration files run beside the browser tests (two vitest processes, as tried for CI's
 * time budget, or by hand), a test that compares two runs' reports (the fault tests: disturbed against undisturbed) must not run
 * while another contributes to the pool or refreshes its feeds: a kill-points run once saw 239
 * flagged addresses instead of 240 that way. Both kinds hold this PostgreSQL advisory lock for
 * the whole file (`beforeAll(holdCommunityPool, POOL_WAIT_MS)`), so they take turns across processes.
 */
const POOL_LOCK_KEY = 0x6d6c7365; // "mlse"

/** How long a file may wait for the lock: the longest holder (kill-points) runs a few minutes. */
export const POOL_WAIT_MS = 900_000;

/** Takes the lock on a connection of its own; resolves to its release (vitest runs it after the file). */
export async function holdCommunityPool(): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: loadDbEnv().DATABASE_URL });
  await client.connect();
  await client.query("SELECT pg_advisory_lock($1)", [POOL_LOCK_KEY]);
  return async () => {
    // Ending the session releases the lock as well; unlocking first says so explicitly.
    await client.query("SELECT pg_advisory_unlock($1)", [POOL_LOCK_KEY]).catch(() => undefined);
    await client.end();
  };
}
