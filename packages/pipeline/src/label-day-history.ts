import type { TAsnTable } from "@mlsec/core/asn";
import { dayNumber, dayString } from "@mlsec/core/day";
import {
  decayHorizonDays,
  RankBuilder,
  type TClusterRule,
  type TDecay,
  type TRankSnapshot,
} from "@mlsec/core/rank";
import type { TIpDayRollup } from "@mlsec/core/rollup";
import { rollupDays, rollupSourceKeys } from "@mlsec/db";
import { readDayRollups } from "./tenant-rollups.ts";

/** Label days a training reads: the days just before its as-of day. */
export const LABEL_DAYS = 7;

export type TLabelDay = {
  label: string;
  dayIndex: number;
  last: boolean;
  /** The label day's rollups (merged across uploads). */
  rollups: TIpDayRollup[];
  /** Ranks as of the label day: from the days before it only. */
  snapshot: TRankSnapshot;
};

type THistoryOptions = {
  tenantId: string;
  asOf: string;
  labelDays: number;
  rank: { decay: TDecay; clusters: TClusterRule[]; asn: TAsnTable | null };
};

/**
 * What training needs from a tenant's history, read a day at a time and handed to `visit` one label
 * day (the `labelDays` days before `asOf`) at a time, with the ranks as of it. The ranks as of the
 * first label day are built from its horizon day by day; each next one extends the previous snapshot
 * with the label day just read. Memory follows one day's rollups and two snapshots: a label day is
 * dropped once `visit` returns, so the caller keeps only what it takes from it.
 */
export async function forEachLabelDay(
  opts: THistoryOptions,
  visit: (day: TLabelDay) => void | Promise<void>,
): Promise<void> {
  const { tenantId, rank } = opts;
  const asOfDay = dayNumber(opts.asOf);
  const labels = Array.from({ length: opts.labelDays }, (_, i) => dayString(asOfDay - opts.labelDays + i));
  const [first = opts.asOf] = labels;
  const sourceKeys = await rollupSourceKeys(tenantId);
  const readDay = async (day: string, add: (part: TIpDayRollup[]) => void) => {
    for await (const part of readDayRollups({ tenantId, day, sourceKeys })) add(part);
  };

  const builder = new RankBuilder({ ...rank, asOf: first });
  const from = dayString(dayNumber(first) - decayHorizonDays(rank.decay));
  for (const day of await rollupDays({ tenantId, from, before: first })) {
    const open = builder.openDay(day);
    await readDay(day, (part) => open.add(part));
    open.close();
  }
  let snapshot = builder.finish();
  for (const [i, label] of labels.entries()) {
    const onDay: TIpDayRollup[] = [];
    await readDay(label, (part) => {
      for (const r of part) onDay.push(r);
    });
    const next = labels[i + 1];
    await visit({ label, dayIndex: i, last: next === undefined, rollups: onDay, snapshot });
    if (next === undefined) break;
    snapshot = new RankBuilder({ ...rank, asOf: next }, snapshot).setDay(label, onDay).finish();
  }
}

/**
 * Every label day's rollups and ranks at once (forEachLabelDay, collected): for tests and benches
 * that compare them; training streams instead.
 */
export async function loadLabelDayHistory(
  opts: THistoryOptions,
): Promise<{ rollups: TIpDayRollup[]; snapshots: Map<string, TRankSnapshot> }> {
  const rollups: TIpDayRollup[] = [];
  const snapshots = new Map<string, TRankSnapshot>();
  await forEachLabelDay(opts, (day) => {
    for (const r of day.rollups) rollups.push(r);
    snapshots.set(day.label, day.snapshot);
  });
  return { rollups, snapshots };
}
