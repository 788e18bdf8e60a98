import { timingSafeEqual } from "node:crypto";
import { loadMetricsEnv } from "@mlsec/config";
// Relative, not "@/lib/...": metrics.integration.test.ts imports this route under vitest, which has
// no "@" alias.
import { noStore } from "../../../lib/no-store.ts";
import { getQueues } from "../../../lib/queues.ts";
import { platformMetrics } from "./platform-metrics.ts";

export const dynamic = "force-dynamic";

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(`${body}\n`, {
    status,
    headers: noStore({ "content-type": "text/plain; charset=utf-8", ...headers }),
  });

function bearerMatches(header: string | null, token: string): boolean {
  const given = Buffer.from(header ?? "");
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * Prometheus scrape of the platform's queues, models and feeds. Off (404) unless METRICS_TOKEN is
 * set, and 401 without `Authorization: Bearer <METRICS_TOKEN>`: the series name tenants.
 */
export async function GET(req: Request): Promise<Response> {
  const { METRICS_TOKEN } = loadMetricsEnv();
  if (!METRICS_TOKEN) return text(404, "metrics are off: set METRICS_TOKEN");
  if (!bearerMatches(req.headers.get("authorization"), METRICS_TOKEN))
    return text(401, "unauthorized", { "www-authenticate": "Bearer" });
  const registry = await platformMetrics(getQueues());
  return new Response(await registry.metrics(), {
    headers: noStore({ "content-type": registry.contentType }),
  });
}
