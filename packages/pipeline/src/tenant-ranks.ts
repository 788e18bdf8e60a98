import { z } from "zod";
import { dayString } from "@mlsec/core/day";
import {
  encodeSnapshot,
  decayHorizonDays,
  decodeSnapshot,
  liveAddressCount,
  RankBuilder,
  resolveRankOptions,
  settingsKeyOf,
  type TRankOptions,
  type TRankSnapshot,
} from "@mlsec/core/rank";
import type { TAsnTable } from "@mlsec/core/asn";
import { ingestedSourceKeys, rollupDays, rollupSourceKeys } from "@mlsec/db";
import { getBytesOrNull, putBytes, tenantRanksKey } from "@mlsec/storage";
import { readDayRollups } from "./tenant-rollups.ts";

/**
 * The tenant's stored snapshot and the sources (upload contents) whose rollups it fully includes.
 * Every stored snapshot is consistent with its own source list, so concurrent rank stages may
 * overwrite each other freely: a source one of them missed is simply re-read by the next.
 */
const ZTenantRanks = z.object({
  format: z.literal("mlsec-tenant-ranks"),
  version: z.literal(1),
  sources: z.array(z.string()),
});

export type TRankRefresh = {
  snapshot: TRankSnapshot;
  /** full: rebuilt from every day in the horizon; incremental: only `daysRead` were re-read. */
  mode: "full" | "incremental";
  daysRead: string[];
};

/**
 * Below this share of live addresses the registry (append-only) is mostly history that aged out of
 * the horizon, and a rebuild is cheaper to keep than the dead weight.
 */
const MIN_LIVE_SHARE = 0.5;

/**
 * Ranks the tenant as of `rank.asOf` by extending its stored snapshot: the days new to the window
 * and the days of sources that finished ingesting since are re-read whole (rows of all sources,
 * merged per IP), everything else is kept. Falls back to a full rebuild when there is no usable
 * snapshot (none, other settings, a later as-of, mostly dead addresses). The ranks match a full
 * recompute to floating-point rounding (addresses are numbered in another order, so neighbourhood
 * sums add in another order). The stored snapshot moves forward only: an older upload's ranks are
 * computed, not stored.
 */
export async function refreshTenantRanks(opts: {
  tenantId: string;
  rank: TRankOptions & { asn: TAsnTable | null };
}): Promise<TRankRefresh> {
  const { tenantId } = opts;
  const o = resolveRankOptions(opts.rank);
  // Listed before any rollup is read: a source listed here has all of its rows in place already.
  const sources = await ingestedSourceKeys(tenantId);
  const held = await loadTenantRanks(tenantId, opts.rank.asn);
  const from = dayString(o.asOfDay - decayHorizonDays(o.decay));
  const usable =
    held &&
    settingsKeyOf(held.snapshot) === settingsKeyOf(o) &&
    held.snapshot.asOfDay <= o.asOfDay &&
    liveAddressCount(held.snapshot) >= MIN_LIVE_SHARE * held.snapshot.registry.size;

  let builder: RankBuilder;
  const days = new Set<string>();
  if (usable) {
    const heldAsOf = held.snapshot.asOf;
    const known = new Set(held.sources);
    const newFrom = heldAsOf > from ? heldAsOf : from;
    for (const d of await rollupDays({ tenantId, from: newFrom, before: o.asOf })) days.add(d);
    for (const sourceKey of sources.filter((s) => !known.has(s)))
      for (const d of await rollupDays({ tenantId, sourceKey, from, before: heldAsOf })) days.add(d);
    builder = new RankBuilder(opts.rank, held.snapshot);
  } else {
    for (const d of await rollupDays({ tenantId, from, before: o.asOf })) days.add(d);
    builder = new RankBuilder(opts.rank);
  }

  const daysRead = [...days].sort();
  const sourceKeys = daysRead.length ? await rollupSourceKeys(tenantId) : [];
  for (const day of daysRead) {
    const open = builder.openDay(day);
    for await (const part of readDayRollups({ tenantId, day, sourceKeys })) open.add(part);
    open.close();
  }
  const snapshot = builder.finish();
  // A stage ranking an older upload must not move the tenant's snapshot back in time.
  const older =
    held && settingsKeyOf(held.snapshot) === settingsKeyOf(o) && held.snapshot.asOfDay > o.asOfDay;
  const unchanged =
    usable &&
    daysRead.length === 0 &&
    held.snapshot.asOfDay === o.asOfDay &&
    sources.length === held.sources.length;
  if (!older && !unchanged)
    await putBytes(
      tenantRanksKey(tenantId),
      encodeSnapshot(snapshot, { format: "mlsec-tenant-ranks", version: 1, sources }),
    );
  return { snapshot, mode: usable ? "incremental" : "full", daysRead };
}

async function loadTenantRanks(tenantId: string, asn: TAsnTable | null) {
  const bytes = await getBytesOrNull(tenantRanksKey(tenantId));
  if (!bytes) return null;
  try {
    const { snapshot, extra } = decodeSnapshot(bytes, { asn });
    const meta = ZTenantRanks.safeParse(extra);
    return meta.success ? { sources: meta.data.sources, snapshot } : null;
  } catch {
    return null; // a snapshot written by another format version: rebuild rather than fail the upload
  }
}
