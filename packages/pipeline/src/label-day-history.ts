import type { TAsnTable } from "@mlsec/core/asn/asn-table";
import {
  dayNumber,
  dayString,
  decayHorizonDays,
  RankBuilder,
  type TClusterRule,
  type TDecay,
  type TRankSnapshot,
} from "@mlsec/core/rank/index";
import type { TIpDayRollup } from "@mlsec/core/rollup/ip-day-rollup";
import { rollupDays, rollupSourceKeys } from "@mlsec/db";
import { readDayRollups } from "./tenant-rollups.ts";

/**
 * What training needs from a tenant's history, read a day at a time: the rollups of the label days
 * (the `labelDays` days before `asOf`) and the ranks as of each of them. The ranks as of the first
 * label day are built from its horizon day by day; each next one extends the previous snapshot with
 * the label day just read. Memory follows one day plus the label days, not the whole horizon.
 */
export async function loadLabelDayHistory(opts: {
  tenantId: string;
  asOf: string;
  labelDays: number;
  rank: { decay: TDecay; clusters: TClusterRule[]; asn: TAsnTable | null };
}): Promise<{ rollups: TIpDayRollup[]; snapshots: Map<string, TRankSnapshot> }> {
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
  const snapshots = new Map([[first, snapshot]]);
  const rollups: TIpDayRollup[] = [];
  for (const [i, label] of labels.entries()) {
    const onDay: TIpDayRollup[] = [];
    await readDay(label, (part) => {
      for (const r of part) onDay.push(r);
    });
    for (const r of onDay) rollups.push(r);
    const next = labels[i + 1];
    if (next === undefined) break;
    snapshot = new RankBuilder({ ...rank, asOf: next }, snapshot).setDay(label, onDay).finish();
    snapshots.set(next, snapshot);
  }
  return { rollups, snapshots };
}
