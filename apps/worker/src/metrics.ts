import { timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/**
 * What this worker process did, for Prometheus (docs/operations.md). Per process: every worker
 * counts its own jobs and Prometheus sums them; queue depth and age are the platform's and come
 * from the portal's /api/metrics instead.
 */
export const workerRegistry = new Registry();
collectDefaultMetrics({ register: workerRegistry, prefix: "mlsec_worker_" });

export const jobDuration = new Histogram({
  name: "mlsec_job_duration_seconds",
  help: "Time a worker spent running one attempt of a job, by queue (the pipeline stage), job name and outcome",
  labelNames: ["queue", "name", "outcome"] as const,
  // Stages run from milliseconds (a notification) to many minutes (a large ingest or training).
  buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600],
  registers: [workerRegistry],
});

// The histogram's _count says the same, but labelled histograms are where simple text-format
// parsers (and hand-written alerts) go wrong; a plain counter is the series to alert on.
export const jobAttempts = new Counter({
  name: "mlsec_job_attempts_total",
  help: "Job attempts a worker finished, by queue, job name and outcome (completed or failed)",
  labelNames: ["queue", "name", "outcome"] as const,
  registers: [workerRegistry],
});

export const jobFailures = new Counter({
  name: "mlsec_job_failures_total",
  help: "Failed job attempts by queue and job name; permanent=true ones are not retried",
  labelNames: ["queue", "name", "permanent"] as const,
  registers: [workerRegistry],
});

export const ingestLines = new Counter({
  name: "mlsec_ingest_lines_total",
  help: "Log lines read by completed ingest stages (rate() gives lines per second)",
  registers: [workerRegistry],
});

export const ingestEvents = new Counter({
  name: "mlsec_ingest_events_total",
  help: "Events (lines read as a firewall or log event) in completed ingest stages",
  registers: [workerRegistry],
});

const bearerMatches = (header: string | undefined, token: string): boolean => {
  const given = Buffer.from(header ?? "");
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
};

/**
 * Serves the registry at /metrics. With a token, a scrape without `Authorization: Bearer <token>`
 * gets 401; without one (METRICS_TOKEN unset) it serves nobody: 404, as the portal does.
 */
export async function serveMetrics(opts: {
  port: number;
  host: string;
  token: string | undefined;
}): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== "/metrics" || !opts.token) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    if (!bearerMatches(req.headers.authorization, opts.token)) {
      res
        .writeHead(401, { "content-type": "text/plain", "www-authenticate": "Bearer" })
        .end("unauthorized\n");
      return;
    }
    workerRegistry.metrics().then(
      (text) => res.writeHead(200, { "content-type": workerRegistry.contentType }).end(text),
      (err: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(`${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return server;
}
