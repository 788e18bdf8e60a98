import { afterAll, describe, expect, it } from "vitest";
import { MS_PER_DAY } from "@mlsec/core/day";
import { decisionSortKey } from "@mlsec/core/feeds";
import { closeDb, getDb, upsertDecisions, type TDecisionRow } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { backfillDecisionCountries } from "../src/backfill-decision-countries.ts";

afterAll(closeDb);

const now = new Date();
const row = (ip: string, country: string | null): TDecisionRow => ({
  ip,
  sortKey: decisionSortKey(ip),
  family: ip.includes(":") ? 6 : 4,
  score: 0.95,
  bucket: "block",
  cluster: "port-scan",
  driver: "own",
  asn: null,
  country,
  asOf: new Date(now.getTime() - MS_PER_DAY).toISOString().slice(0, 10),
  validUntil: new Date(now.getTime() + 5 * MS_PER_DAY),
  reportId: "r",
  modelId: null,
  reportedAt: new Date(now.getTime() - 3_600_000),
});

async function countries(tenantId: string): Promise<Record<string, string | null>> {
  const rows = await getDb().$queryRawUnsafe<{ ip: string; country: string | null }[]>(
    `SELECT "ip", "country" FROM "Decision" WHERE "tenantId" = $1 ORDER BY "ip"`,
    tenantId,
  );
  return Object.fromEntries(rows.map((r) => [r.ip, r.country]));
}

describe("backfillDecisionCountries", () => {
  it("fills the registration country of decisions written without one and leaves stored ones alone", async () => {
    const t = await seedTenant("dc");
    // As rows written before the column: no country. 80.82.77.33 keeps what a report stored.
    await upsertDecisions(t.tenantId, [
      row("77.90.185.20", null),
      row("2001:4860:4860::8888", null),
      row("192.0.2.1", null),
      row("80.82.77.33", "FR"),
    ]);
    const run = await backfillDecisionCountries(now);
    expect(run.tenants).toBeGreaterThanOrEqual(1);
    expect(await countries(t.tenantId)).toEqual({
      "192.0.2.1": null, // documentation range: no registration
      "2001:4860:4860::8888": "US",
      "77.90.185.20": "DE",
      "80.82.77.33": "FR",
    });
    const again = await backfillDecisionCountries(now);
    expect(await countries(t.tenantId)).toMatchObject({ "77.90.185.20": "DE", "192.0.2.1": null });
    expect(again.rows).toBeLessThan(run.rows);
  });
});
