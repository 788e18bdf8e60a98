import { createListMatcher, type TListMatcher } from "@mlsec/core/score";
import { activeListEntries } from "@mlsec/db";

/** The tenant's allow/block entries in force now, ready to match scored IPs. */
export async function loadListMatcher(tenantId: string, now?: Date): Promise<TListMatcher> {
  const entries = await activeListEntries({ tenantId, ...(now ? { now } : {}) });
  return createListMatcher(entries.map((e) => ({ kind: e.kind, value: e.value, reason: e.reason })));
}

/** Allow-listed addresses and CIDRs as training's benign allowlist (AS entries have no ranges here). */
export async function trainingAllowlist(tenantId: string, now?: Date): Promise<string[]> {
  const entries = await activeListEntries({ tenantId, kind: "allow", ...(now ? { now } : {}) });
  return entries.map((e) => e.value).filter((v) => !/^AS\d+$/i.test(v.trim()));
}
