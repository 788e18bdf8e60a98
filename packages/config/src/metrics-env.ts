import { z } from "zod";
import { readEnv } from "./read-env.ts";

export const ZMetricsEnv = z.object({
  /**
   * Bearer token Prometheus sends to scrape /api/metrics (portal) and the worker's metrics port.
   * Unset: the portal's endpoint is off (404) and the worker's serves nobody, since the metrics
   * name tenants and queue sizes an outsider should not see.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
});
export type TMetricsEnv = z.infer<typeof ZMetricsEnv>;
export const loadMetricsEnv = (source?: NodeJS.ProcessEnv): TMetricsEnv => readEnv(ZMetricsEnv, source);
