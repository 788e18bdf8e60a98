import { lookupCountry } from "@mlsec/core/geo";
import { MS_PER_DAY } from "@mlsec/core/day";
import { countrylessDecisionIps, setDecisionCountries, tenantsWithCountrylessDecisions } from "@mlsec/db";
import { sharedCountryTable } from "./asn-table.ts";
import { BLOCKLIST_WINDOW_DAYS } from "./build-blocklist.ts";

const PAGE = 5_000;

/**
 * Registration countries for decisions written before the report stage stored them, so the listed
 * view's country filter finds them without waiting for the next report of each address.
 */
export async function backfillDecisionCountries(
  now = new Date(),
): Promise<{ tenants: number; rows: number }> {
  const since = new Date(now.getTime() - BLOCKLIST_WINDOW_DAYS * MS_PER_DAY);
  const tenants = await tenantsWithCountrylessDecisions(since);
  if (tenants.length === 0) return { tenants: 0, rows: 0 };
  const table = await sharedCountryTable();
  let rows = 0;
  for (const tenantId of tenants) {
    let after = "";
    for (;;) {
      const ips = await countrylessDecisionIps({ tenantId, since, after, take: PAGE });
      if (ips.length === 0) break;
      const found = ips.flatMap((ip) => {
        const country = lookupCountry(table, ip);
        return country ? [{ ip, country }] : [];
      });
      rows += await setDecisionCountries(tenantId, found);
      after = ips[ips.length - 1] ?? after;
    }
  }
  return { tenants: tenants.length, rows };
}
