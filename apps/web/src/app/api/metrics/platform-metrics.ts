import { Counter, Gauge, Registry } from "prom-client";
import { activeModelTimes, feedPullsByTenant } from "@mlsec/db";
import { queueStats, type TQueues } from "@mlsec/jobs";

/**
 * The platform's state for Prometheus, read from Redis and PostgreSQL at each scrape, so any
 * portal process answers the same (docs/operations.md lists the series and what to alert on).
 * A fresh registry per scrape: series of tenants or queues that went away are not kept.
 */
export async function platformMetrics(queues: TQueues, now: Date = new Date()): Promise<Registry> {
  const registry = new Registry();
  const jobs = new Gauge({
    name: "mlsec_queue_jobs",
    help: "Jobs in each queue by state (waiting, prioritized, active, delayed, failed, completed)",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
  });
  const oldest = new Gauge({
    name: "mlsec_queue_oldest_waiting_seconds",
    help: "How long the oldest waiting job of each queue has waited (0: none waits)",
    labelNames: ["queue"] as const,
    registers: [registry],
  });
  const modelAge = new Gauge({
    name: "mlsec_model_age_seconds",
    help: "Age of each tenant's active model (tenants without one have no series)",
    labelNames: ["tenant"] as const,
    registers: [registry],
  });
  const pulls = new Counter({
    name: "mlsec_feed_pulls_total",
    help: "Pulls of each tenant's feeds by consumers (firewalls, bouncers), summed over its feeds",
    labelNames: ["tenant"] as const,
    registers: [registry],
  });
  const [stats, models, feedPulls] = await Promise.all([
    queueStats(queues, now.getTime()),
    activeModelTimes(),
    feedPullsByTenant(),
  ]);
  for (const s of stats) {
    for (const [state, n] of Object.entries(s.counts)) jobs.set({ queue: s.queue, state }, n);
    oldest.set({ queue: s.queue }, s.oldestWaitingMs / 1000);
  }
  for (const m of models)
    modelAge.set({ tenant: m.tenantId }, Math.max(0, (now.getTime() - m.createdAt.getTime()) / 1000));
  for (const f of feedPulls) pulls.inc({ tenant: f.tenantId }, f.pulls);
  return registry;
}
