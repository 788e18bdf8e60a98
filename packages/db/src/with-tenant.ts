import { loadDbEnv } from "@mlsec/config";
import { getDb } from "./client.ts";
import type { Prisma } from "./generated/prisma/client.ts";

/** The role row-level security binds (migration 20261216090000_row_level_security). */
export const TENANT_ROLE = "mlsec_tenant";

/**
 * Runs fn behind the database's tenant wall: one interactive transaction that switches to the
 * mlsec_tenant role and sets mlsec.tenant_id, so PostgreSQL's policies show and accept only this
 * tenant's rows whatever fn's own filters say. Both settings are transaction-local (set_config's
 * third argument, the same as SET LOCAL): COMMIT or ROLLBACK drops them, so the pooled connection
 * goes back to the next user as the owner. A session-level SET would leak to that next user.
 * One statement sets both, to keep the wall at one extra round trip.
 */
export async function withTenant<T>(
  tenantId: string,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
  /** Prisma's interactive-transaction limits, for the few callers that need more than the default. */
  options?: { timeout?: number; maxWait?: number },
): Promise<T> {
  // An empty id would match nothing anyway, but a caller passing one has a bug worth seeing.
  if (!tenantId) throw new Error("withTenant needs a tenant id");
  return getDb().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT set_config('role', ${TENANT_ROLE}, true), set_config('mlsec.tenant_id', ${tenantId}, true)`;
      return fn(tx);
    },
    { maxWait: loadDbEnv().DATABASE_TX_MAX_WAIT_MS, ...options },
  );
}

/**
 * Whether an error is the database being too busy to start a transaction in time (every pooled
 * connection held longer than DATABASE_TX_MAX_WAIT_MS): a retry later can succeed, so the API
 * answers 503 instead of 500.
 */
export function isDatabaseBusy(err: unknown): boolean {
  // P2028 also names a transaction that outlived its timeout; only the wait for a connection is "busy".
  return (
    err instanceof Error &&
    "code" in err &&
    err.code === "P2028" &&
    err.message.includes("Unable to start a transaction")
  );
}
