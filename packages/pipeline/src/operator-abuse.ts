import { abuseAcrossTenants, type TAbuseView, type TPlatformOperator } from "@mlsec/db";
import { MS_PER_DAY } from "@mlsec/core/day";

/** The last 24 hours of failed sign-ins and rate-limit hits of every tenant, by address and by tenant. */
export async function operatorAbuse(
  operator: TPlatformOperator,
  now: Date = new Date(),
): Promise<TAbuseView> {
  return abuseAcrossTenants(operator, { since: new Date(now.getTime() - MS_PER_DAY) });
}
