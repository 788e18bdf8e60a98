// The listed view's country filter for a tenant with N listed addresses (default 100,000): the
// stored column (Decision.country, indexed with the tenant) against resolving the country to its
// registration ranges and matching each address in SQL, the alternative that needs no stored
// column. Addresses are drawn uniformly from the IPv4 ranges the country table knows, so the
// countries' shares follow their address-range counts. Needs PostgreSQL at @mlsec/config's defaults.
//   node --import tsx bench/listed-country.ts [N=100000]
import { loadCountryTableSync, lookupCountry } from "@mlsec/core/geo";
import { decisionSortKey } from "@mlsec/core/feeds";
import { MS_PER_DAY } from "@mlsec/core/day";
import {
  closeDb,
  createTenantWithOwner,
  deleteTenant,
  getDb,
  listListedDecisions,
  upsertDecisions,
  type TDecisionRow,
  type TListedFilter,
} from "@mlsec/db";

const n = Number(process.argv[2] ?? 100_000);
const table = loadCountryTableSync();
const now = new Date();

const v4Text = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");

function rows(): TDecisionRow[] {
  const out = new Map<string, TDecisionRow>();
  // Deterministic spread over the table's ranges (same addresses every run), one address a range
  // visit, a new offset each time round.
  for (let i = 0; out.size < n; i++) {
    const r = (i * 7919) % table.v4Start.length;
    const lo = table.v4Start[r] ?? 0;
    const size = (table.v4End[r] ?? 0) - lo + 1;
    const ip = v4Text(lo + ((Math.imul(i, 2_654_435_761) >>> 0) % size));
    const score = ((i * 37) % 1000) / 1000;
    out.set(ip, {
      ip,
      sortKey: decisionSortKey(ip),
      family: 4,
      score,
      bucket: score >= 0.9 ? "block" : score >= 0.5 ? "review" : "allow",
      cluster: "port-scan",
      driver: "own",
      asn: null,
      country: lookupCountry(table, ip),
      asOf: new Date(now.getTime() - MS_PER_DAY).toISOString().slice(0, 10),
      validUntil: new Date(now.getTime() + 7 * MS_PER_DAY),
      reportId: "bench",
      modelId: null,
      reportedAt: new Date(now.getTime() - 3_600_000),
    });
  }
  return [...out.values()];
}

const none: TListedFilter = {
  bucket: null,
  cidr: null,
  ip: null,
  asn: null,
  country: null,
  minScore: null,
  maxScore: null,
  activeOn: null,
  pending: false,
};

/** Mean ms of `runs` calls after a warm-up call (runs 0: the warm-up call alone is timed). */
async function timed<T>(fn: () => Promise<T>, runs = 5): Promise<{ ms: number; value: T }> {
  const w0 = performance.now();
  let value = await fn(); // warm the cache and the plan
  if (runs === 0) return { ms: performance.now() - w0, value };
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) value = await fn();
  return { ms: (performance.now() - t0) / runs, value };
}

/** The country's IPv4 ranges from the table, as the range alternative would pass them to SQL. */
function rangesOf(code: string): { lo: number[]; hi: number[] } {
  const index = table.codes.indexOf(code);
  const lo: number[] = [];
  const hi: number[] = [];
  for (let i = 0; i < table.v4Country.length; i++)
    if (table.v4Country[i] === index) {
      lo.push(table.v4Start[i] ?? 0);
      hi.push(table.v4End[i] ?? 0);
    }
  return { lo, hi };
}

const tenant = await createTenantWithOwner({
  name: "bench listed-country",
  email: `bench-listed-country-${Date.now()}@example.test`,
  password: "bench listed country",
});
try {
  const t0 = performance.now();
  const all = rows();
  await upsertDecisions(tenant.tenantId, all);
  console.log(`${n} decisions written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const w = { tenantId: tenant.tenantId, reportedSince: new Date(now.getTime() - 30 * MS_PER_DAY), now };
  for (const code of ["US", "DE", "SC"]) {
    const expected = all.filter((r) => r.country === code).length;
    const stored = await timed(() =>
      listListedDecisions(w, { ...none, country: code }, { take: 100, skip: 0 }),
    );
    const { lo, hi } = rangesOf(code);
    // The alternative: the address as a number, inside any of the country's ranges (cut at 20 s).
    const ranged = await timed(
      () =>
        getDb()
          .$transaction(
            async (tx) => {
              await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = '20s'`);
              return tx.$queryRawUnsafe<{ n: bigint }[]>(
                `SELECT count(*) AS n FROM "Decision" d
                  WHERE d."tenantId" = $1 AND d."reportedAt" >= $2 AND d."validUntil" > $3
                    AND EXISTS (SELECT 1 FROM unnest($4::int8[], $5::int8[]) r(lo, hi)
                                 WHERE (d."ip"::inet - '0.0.0.0'::inet) BETWEEN r.lo AND r.hi)`,
                w.tenantId,
                w.reportedSince,
                w.now,
                lo,
                hi,
              );
            },
            { timeout: 30_000 },
          )
          .then((r) => String(Number(r[0]?.n ?? 0)))
          .catch(() => "none: cancelled after 20 s"),
      0,
    );
    console.log(
      `${code}: ${expected} listed of ${n}; stored column: page + count ${stored.ms.toFixed(1)} ms (total ${stored.value.total}); ` +
        `${lo.length} ranges matched in SQL: count ${ranged.ms.toFixed(0)} ms (total ${ranged.value})`,
    );
  }
} finally {
  await deleteTenant(tenant.tenantId);
  await closeDb();
}
