// Paging cost of a 100k-IP report, as the report cache and /report/ips run it: parse the report
// JSON leniently, index it once, then answer page requests with sorts, filters and search.
// Run: node --import tsx apps/web/bench/ip-paging.ts [rows]
import { ZIpQuery } from "../src/lib/api-schemas/reports.ts";
import { indexIps, queryIps } from "../src/lib/ip-query.ts";
import { rankIps, ZReportView } from "../src/lib/report-view.ts";

const rows = Number(process.argv[2] ?? 100_000);
const buckets = ["block", "review", "allow"] as const;
const ips = Array.from({ length: rows }, (_, i) => {
  const score = ((i * 7919) % 1000) / 1000;
  return {
    ip: `${(i >>> 16) + 11}.${(i >>> 8) & 255}.${i & 255}.${(i * 31) % 250}`,
    events: 1 + ((i * 131) % 500),
    score,
    verdict: score >= 0.5 ? "malicious" : "benign",
    bucket: buckets[i % 3],
    asn: 64500 + (i % 400),
    asOrg: `Example Org ${i % 400}`,
    country: "DE",
    reasons: ["its own watched-ports rank = 1.2", "its /24 neighbourhood's port-scan rank = 0.1"],
    features: Object.fromEntries(Array.from({ length: 16 }, (_, f) => [`f${f}`, f * score])),
  };
});
const json: unknown = JSON.parse(JSON.stringify({ ips }));

const time = <T>(label: string, f: () => T): T => {
  const t0 = process.hrtime.bigint();
  const out = f();
  console.log(`${label}: ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms`);
  return out;
};
const view = time(`parse ${rows} rows (ZReportView)`, () => ZReportView.parse(json));
const index = time("rank + index", () => indexIps(rankIps(view.ips)));
const queries: Record<string, string>[] = [
  { page: "1" },
  { page: "2" },
  { page: "1", sort: "ip", order: "asc" },
  { page: "2", sort: "ip", order: "asc" },
  { page: "1", sort: "events" },
  { page: "40", bucket: "block" },
  { page: "1", q: "example org 17" },
];
for (const q of queries) {
  const page = time(`query ${new URLSearchParams(q).toString()}`, () => queryIps(index, ZIpQuery.parse(q)));
  if (page.rows.length === 0) throw new Error("empty page");
}
console.log(`heap used: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
