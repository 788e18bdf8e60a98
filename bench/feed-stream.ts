// Serving a large feed: N listed addresses (default 1,000,000) written as one bench tenant's
// decisions, then pulled as an EDL and as a CrowdSec startup stream (the bouncer's first pull,
// which also records what was sent) and an incremental stream right after (nothing changed), each
// through a real HTTP server on loopback with the body read and counted by a client, as a firewall
// would. The server is a child process of its own with its V8 heap capped (--heap-mb, default 256):
// a renderer that built the body would run out of it; its RSS is sampled from /proc every 50 ms.
// Needs PostgreSQL at @mlsec/config's defaults.
//   node --import tsx bench/feed-stream.ts [N=1000000] [--keep] [--heap-mb 256]
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { cpus, loadavg, totalmem } from "node:os";
import { Readable } from "node:stream";
import { decisionSortKey } from "@mlsec/core/feeds";
import {
  closeDb,
  createFeed,
  createTenantWithOwner,
  deleteTenant,
  getFeed,
  upsertDecisions,
  type TDecisionRow,
} from "@mlsec/db";
import { crowdsecStreamBody, feedBody } from "@mlsec/pipeline/feeds";
import { MS_PER_DAY } from "@mlsec/core/day";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const keep = args.includes("--keep");
const heapMb = Number(flag("--heap-mb") ?? 256);

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
      country: null,
      asOf: new Date(now - MS_PER_DAY).toISOString().slice(0, 10),
      validUntil: new Date(now + (2 + (i % 5)) * MS_PER_DAY),
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
  entries: number;
  peakRssMb: number;
  startRssMb: number;
};

/** The child's resident set (VmRSS), from /proc: what the serving process really holds. */
const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : 0;
};

async function pull(
  server: ChildProcess,
  port: number,
  label: string,
  path: string,
  count: (s: string) => number,
): Promise<TPull> {
  const pid = server.pid ?? 0;
  const startRss = rssMb(pid);
  let peak = startRss;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  let bytes = 0;
  let entries = 0;
  let tail = "";
  const decoder = new TextDecoder();
  const body: AsyncIterable<Uint8Array> = res.body ?? (async function* () {})();
  for await (const chunk of body) {
    bytes += chunk.byteLength;
    // Count as the bytes arrive, keeping only the unfinished record: the client holds no body either.
    const text = tail + decoder.decode(chunk, { stream: true });
    const nl = text.lastIndexOf("\n");
    const cut = nl >= 0 ? nl + 1 : Math.max(text.lastIndexOf("},{") + 2, 0);
    entries += count(text.slice(0, cut));
    tail = text.slice(cut);
  }
  entries += count(tail);
  const ms = performance.now() - t0;
  clearInterval(timer);
  return { label, ms, bytes, entries, peakRssMb: Math.max(peak, rssMb(pid)), startRssMb: startRss };
}

/** The child: an HTTP server around the same generators the portal's routes stream (no Next.js). */
async function serve(tenantId: string, feedId: string): Promise<void> {
  const feed = await getFeed({ tenantId, id: feedId });
  const done = () => Promise.resolve();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://x");
    const send = (chunks: AsyncGenerator<string>, type: string) => {
      res.writeHead(200, { "Content-Type": type });
      Readable.from(chunks).pipe(res);
    };
    if (url.pathname === "/edl")
      void feedBody({ feed, format: "edl", page: null, now: new Date() }).then((b) =>
        send(b.open(done), b.contentType),
      );
    else {
      const startup = url.searchParams.get("startup") === "true";
      send(crowdsecStreamBody({ feed, startup, now: new Date(), done }), "application/json");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  console.log(`port ${typeof address === "object" && address ? address.port : 0}`);
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
  const settings = {
    name: "bench",
    format: "edl",
    minScore: null,
    buckets: [],
    includeCommunity: true,
    family: null,
    aggregate: false,
    maxEntries: n,
    pageSize: null,
  };
  const { feed } = await createFeed({ tenantId: t.tenantId, createdBy: "bench", settings });

  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${heapMb}`,
      "--import",
      "tsx",
      new URL(import.meta.url).pathname,
      "--serve",
      t.tenantId,
      feed.id,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const port = await new Promise<number>((ok, fail) => {
    child.stdout?.on("data", (b: Buffer) => {
      const m = /port (\d+)/.exec(b.toString());
      if (m) ok(Number(m[1]));
    });
    child.once("exit", (code) => fail(new Error(`server exited with ${code}`)));
  });
  const lines = (s: string) => s.split("\n").filter((l) => l !== "").length;
  const decisions = (s: string) => s.split('"value":').length - 1;
  const results = [
    await pull(child, port, "EDL (text, one address a line)", "/edl", lines),
    await pull(
      child,
      port,
      "CrowdSec stream, startup=true (records what was sent)",
      "/stream?startup=true",
      decisions,
    ),
    await pull(
      child,
      port,
      "CrowdSec stream, next poll (nothing changed)",
      "/stream?startup=false",
      decisions,
    ),
  ];
  child.kill();
  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load ${loadavg()[0]?.toFixed(2)}; node ${process.version}; server heap cap ${heapMb} MB`,
  );
  console.log("| pull | entries | MB sent | time s | server RSS at start MB | server peak RSS MB |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of results)
    console.log(
      `| ${r.label} | ${r.entries} | ${(r.bytes / 1e6).toFixed(1)} | ${(r.ms / 1000).toFixed(1)} | ${r.startRssMb.toFixed(0)} | ${r.peakRssMb.toFixed(0)} |`,
    );
  if (!keep) await deleteTenant(t.tenantId);
  await closeDb();
}

const serveAt = args.indexOf("--serve");
if (serveAt >= 0) await serve(args[serveAt + 1] ?? "", args[serveAt + 2] ?? "");
else await main();
