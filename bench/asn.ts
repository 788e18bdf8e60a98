/**
 * AS lookup benchmark: load time, memory held by the table, and lookups per second over addresses
 * spread across every range of the IPv4 and IPv6 tables. Run: npx tsx bench/asn.ts [lookups]
 */
import { performance } from "node:perf_hooks";
import {
  loadAsnTable,
  lookupAsIndex,
  lookupAsIndexV4,
  lookupAsIndexV6,
  lookupAsn,
} from "../packages/core/src/asn/index.ts";
import { formatIpv4, formatIpv6, networkCidr, networkCidrIpNum } from "../packages/core/src/net/index.ts";

const lookups = Number(process.argv[2] ?? 5_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
const t0 = performance.now();
const table = await loadAsnTable();
const loadMs = performance.now() - t0;
gc?.();
const after = process.memoryUsage();
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
console.log(`ranges: ${table.v4As.length} IPv4 + ${table.v6As.length} IPv6, ${table.asns.length} ASes`);
console.log(
  `load: ${loadMs.toFixed(0)} ms; retained heap+arrayBuffers: ${mb(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers)} MB; rss ${mb(after.rss)} MB`,
);

// Addresses inside (and between) ranges of the whole table, 80% IPv4 / 20% IPv6.
let seed = 12345;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const n = 1 << 20;
const texts: string[] = [];
const v4 = new Uint32Array(n);
const v6 = new Uint32Array(n * 4);
const isV6 = new Uint8Array(n);
for (let i = 0; i < n; i++) {
  if (rand() < 0.8) {
    const r = Math.floor(rand() * table.v4As.length);
    const s = table.v4Start[r] ?? 0;
    const e = table.v4End[r] ?? 0;
    v4[i] = s + Math.floor(rand() * (e - s + 1)) + (rand() < 0.05 ? e - s + 1 : 0);
    texts.push(formatIpv4(v4[i] ?? 0));
  } else {
    const r = Math.floor(rand() * table.v6As.length);
    for (let w = 0; w < 4; w++) v6[i * 4 + w] = table.v6Start[r * 4 + w] ?? 0;
    v6[i * 4 + 3] = ((v6[i * 4 + 3] ?? 0) | Math.floor(rand() * 256)) >>> 0;
    isV6[i] = 1;
    texts.push(formatIpv6(v6, i * 4));
  }
}

function run(label: string, fn: (i: number) => number): void {
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += fn(i & (n - 1)); // warm-up
  const t = performance.now();
  for (let i = 0; i < lookups; i++) sink += fn(i & (n - 1));
  const s = (performance.now() - t) / 1000;
  console.log(
    `${label}: ${(lookups / s / 1e6).toFixed(2)} M lookups/s (${lookups} in ${s.toFixed(2)} s) [${sink > 0 ? "ok" : "?"}]`,
  );
}

run(
  "numeric (parsed address -> AS index)",
  (i) => (isV6[i] ? lookupAsIndexV6(table, v6, i * 4) : lookupAsIndexV4(table, v4[i] ?? 0)) + 1,
);
run(
  "lookupAsIndex(table, text): parse + lookup, allocation-free",
  (i) => lookupAsIndex(table, texts[i] ?? "") + 1,
);
run("lookupAsn(table, text) -> {asn, org}", (i) => lookupAsn(table, texts[i] ?? "")?.asn ?? 0);

// Neighbourhood keys: the ip-num reference against the hand-rolled path the engine uses.
function keys(label: string, count: number, fn: (ip: string) => string | null): void {
  let sink = 0;
  const t = performance.now();
  for (let i = 0; i < count; i++) sink += fn(texts[i & (n - 1)] ?? "")?.length ?? 0;
  const s = (performance.now() - t) / 1000;
  console.log(`${label}: ${(count / s / 1e3).toFixed(0)}k keys/s [${sink > 0 ? "ok" : "?"}]`);
}
keys("/24 or /48 CIDR via ip-num", 100_000, (ip) => networkCidrIpNum(ip, ip.includes(":") ? 48 : 24));
keys("/24 or /48 CIDR via fast path", 1_000_000, (ip) => networkCidr(ip, ip.includes(":") ? 48 : 24));
