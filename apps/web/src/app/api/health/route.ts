import { checkHealth, healthResponse } from "./check-health.ts";

// Read at request time: the answer is about now, never a build-time snapshot.
export const dynamic = "force-dynamic";

/**
 * Readiness for load balancers, Kubernetes and the e2e harness: PostgreSQL, Redis and S3 each
 * answer, or 503 with `failed` naming the ones that did not (docs/operations.md).
 */
export async function GET(): Promise<Response> {
  return healthResponse(await checkHealth());
}
