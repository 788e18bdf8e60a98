import { loadCommunityEnv } from "@mlsec/config";
import {
  computeCommunityView,
  type TCommunityView,
  type TPoolDays,
  type TPublicSource,
} from "@mlsec/core/community";
import { decayHorizonDays, DEFAULT_DECAY } from "@mlsec/core/rank";
import { getCommunitySetting, listCommunityFeeds, readPoolDays } from "@mlsec/db";
import { sharedAsnTable } from "./asn-table.ts";
import { feedContributorId } from "./community-feeds.ts";
import { daysBefore } from "./tenant-rollups.ts";

export type TTenantPool = {
  /** The pool's per-day aggregates (CommunityDay), read once: every view of a training uses them. */
  rows: TPoolDays;
  options: {
    publicSources: TPublicSource[];
    exclude: string | null;
    minContributors: number;
    contributorCap: number;
  };
};

/**
 * The pool a tenant may use, for [from, before): every row, with the tenant's own pseudonym as
 * `exclude` so core drops its rows before k is counted ("community minus me"). A tenant that does
 * not contribute has no rows to drop but gets the pool all the same. `tenantId` null: the global
 * view (the admin page, the job).
 */
export async function loadTenantPool(opts: {
  tenantId: string | null;
  from: string;
  before: string;
}): Promise<TTenantPool> {
  const [setting, feeds, rows] = await Promise.all([
    opts.tenantId ? getCommunitySetting(opts.tenantId) : Promise.resolve(null),
    listCommunityFeeds(),
    readPoolDays({ from: opts.from, before: opts.before }),
  ]);
  const env = loadCommunityEnv();
  return {
    rows,
    options: {
      publicSources: feeds.map((f) => ({ id: feedContributorId(f.id), weight: f.weight })),
      exclude: setting?.contributorId ?? null,
      minContributors: env.COMMUNITY_MIN_TENANTS,
      contributorCap: env.COMMUNITY_CONTRIBUTOR_CAP,
    },
  };
}

/** The pool's horizon before a day: rows older than this cannot weigh anything as of that day. */
export const poolFrom = (asOf: string, extraDays = 0): string =>
  daysBefore(asOf, decayHorizonDays(DEFAULT_DECAY) + extraDays);

/** A tenant's community view as of a day (null when the pool has nothing for it). */
export async function tenantCommunityView(opts: {
  tenantId: string | null;
  asOf: string;
}): Promise<TCommunityView | null> {
  const pool = await loadTenantPool({
    tenantId: opts.tenantId,
    from: poolFrom(opts.asOf),
    before: opts.asOf,
  });
  if (pool.rows.length === 0) return null;
  return computeCommunityView(pool.rows, { ...pool.options, asOf: opts.asOf, asn: await sharedAsnTable() });
}
