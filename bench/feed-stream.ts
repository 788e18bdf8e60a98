// Serving a large feed: N listed addresses (default 1,000,000) written as one bench tenant's
// decisions, then pulled as an EDL and as a CrowdSec startup stream (the bouncer's first pull,
// which also records what was sent) and an incremental stream right after (nothing changed), each
// through a real HTTP server on loopback with the body read and counted by a client, as a firewall
// would. Prints wall time, bytes, entries and the process's peak RSS during each pull (sampled
// every 50 ms) against the RSS before it. Needs PostgreSQL at @mlsec/config's defaults.
//   node --import tsx bench/feed-stream.ts [N=1000000] [--keep]
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { cpus, loadavg, totalmem } from "node:os";
import { Readable } from "node:stream";
import { decisionSortKey } from "@mlsec/core/feeds/sort-key";
import {
  closeDb,
  createFeed,
  createTenantWithOwner,
  deleteTenant,
  upsertDecisions,
  type TDecisionRow,
} from "@mlsec/db";
import { crowdsecStreamBody } from "@mlsec/pipeline/crowdsec-pull";
import { feedBody } from "@mlsec/pipeline/feed-body";

const n = Number(process.argv[2] ?? 1_000_000);
const keep = process.argv.includes("--keep");

/** N distinct public-looking IPv4 addresses spread over 1.0.0.0 onwards, scores 0.9..1. */
function* rows(reportId: string): Generator<TDecisionRow> {
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    const v = 0x01000000 + i * 7;
    const ip = [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");
    yield {
      ip,
      sortKey: decisionSortKey(ip),
      family: 4,
      score: 0.9 + (i % 1000) / 10_000,
      bucket: "block",
      cluster: i % 3 === 0 ? "port-scan" : "watched-ports",
      driver: "own",
      asn: 64_500 + (i % 100),
      asOf: new Date(now - 86_400_000).toISOString().slice(0, 10),
      validUntil: new Date(now + (2 + (i % 5)) * 86_400_000),
      reportId,
      modelId: null,
      reportedAt: new Date(now - 3_600_000),
    };
  }
}

type TPull = {
  label: string;
  ms: number;
  bytes: number;
  peakRssMb: number;
  beforeRssMb: number;
  entries: number;
};

async function pull(
  label: string,
  port: number,
  path: string,
  countEntries: (body: string) => number,
): Promise<TPull> {
  global.gc?.();
  const beforeRss = process.memoryUsage().rss;
  let peak = beforeRss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  let bytes = 0;
  let entries = 0;
  let tail = "";
  const decoder = new TextDecoder();
  const body: AsyncIterable<Uint8Array> = res.body ?? (async function* () {})();
  for await (const chunk of body) {
    bytes += chunk.byteLength;
    // Count as the bytes arrive, keeping only the unfinished line: the client holds no body either.
    const text = tail + decoder.decode(chunk, { stream: true });
    const cut = text.lastIndexOf("\n") >= 0 ? text.lastIndexOf("\n") + 1 : text.lastIndexOf("},{") + 2;
    entries += countEntries(text.slice(0, Math.max(cut, 0)));
    tail = text.slice(Math.max(cut, 0));
  }
  entries += countEntries(tail);
  const ms = performance.now() - t0;
  clearInterval(timer);
  return { label, ms, bytes, entries, peakRssMb: peak / 2 ** 20, beforeRssMb: beforeRss / 2 ** 20 };
}

async function main(): Promise<void> {
  const id = Math.random().toString(36).slice(2, 8);
  const t = await createTenantWithOwner({
    name: `bench-feed-${id}`,
    email: `bench-feed-${id}@example.test`,
    password: "bench password 1",
  });
  const t0 = performance.now();
  let batch: TDecisionRow[] = [];
  for (const r of rows("bench-report")) {
    batch.push(r);
    if (batch.length === 50_000) {
      await upsertDecisions(t.tenantId, batch);
      batch = [];
    }
  }
  await upsertDecisions(t.tenantId, batch);
  console.log(`wrote ${n} decisions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const { feed } = await createFeed({
    tenantId: t.tenantId,
    createdBy: "bench",
    settings: {
      name: "bench",
      format: "edl",
      minScore: null,
      buckets: [],
      includeCommunity: true,
      family: null,
      aggregate: false,
      maxEntries: n,
      pageSize: null,
    },
  });

  // A bare HTTP server around the same generators the portal's routes stream (no Next.js in the way).
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://x");
    const done = () => Promise.resolve();
    const send = (chunks: AsyncGenerator<string>, type: string) => {
      res.writeHead(200, { "Content-Type": type });
      Readable.from(chunks).pipe(res);
    };
    if (url.pathname === "/edl")
      void feedBody({ feed, format: "edl", page: null, now: new Date() }).then((b) =>
        send(b.open(done), b.contentType),
      );
    else
      send(
        crowdsecStreamBody({
          feed,
          startup: url.searchParams.get("startup") === "true",
          now: new Date(),
          done,
        }),
        "application/json",
      );
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const lines = (s: string) => s.split("\n").filter((l) => l !== "").length;
  const decisions = (s: string) => s.split('"value":').length - 1;
  const results = [
    await pull("EDL (text, one address a line)", port, "/edl", lines),
    await pull(
      "CrowdSec stream, startup=true (records what was sent)",
      port,
      "/stream?startup=true",
      decisions,
    ),
    await pull(
      "CrowdSec stream, next poll (nothing changed: merge join)",
      port,
      "/stream?startup=false",
      decisions,
    ),
  ];
  server.close();
  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load ${loadavg()[0]?.toFixed(2)}; node ${process.version}`,
  );
  console.log("| pull | entries | MB sent | time s | RSS before MB | peak RSS MB |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of results)
    console.log(
      `| ${r.label} | ${r.entries} | ${(r.bytes / 1e6).toFixed(1)} | ${(r.ms / 1000).toFixed(1)} | ${r.beforeRssMb.toFixed(0)} | ${r.peakRssMb.toFixed(0)} |`,
    );
  if (!keep) await deleteTenant(t.tenantId);
  await closeDb();
}

await main();
