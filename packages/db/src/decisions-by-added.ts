import { utcDay } from "@mlsec/core/day";
import { getDb } from "./client.ts";
import type { TDecisionQuery, TDecisionRow } from "./decisions.ts";

/** A decision with when its row was last written: the date a TAXII collection says it was added. */
export type TDecisionAddedRow = TDecisionRow & { updatedAt: Date };

/** A position in ("updatedAt", "sortKey") order; `updatedAt` as an ISO instant with milliseconds. */
export type TDecisionAddedCursor = { updatedAt: string; sortKey: string };

type TRaw = Omit<TDecisionAddedRow, "asOf" | "family"> & { family: number; asOf: Date };

const READ_BATCH = 5_000;

/**
 * The selected decisions in ("updatedAt", "sortKey") order, a batch at a time by keyset, strictly
 * after `after` and, with `addedAfter`, only rows written strictly after it. The caller filters
 * rows (lists, buckets) and stops reading once its page is full.
 *
 * The instants go in as text cast to timestamp(3), the column's type: a JavaScript Date parameter
 * would be sent as timestamptz and compared after a time-zone conversion, and a cursor that is off
 * by a millisecond either repeats or skips every row written in that millisecond (one report
 * writes thousands at the same instant).
 */
export async function* streamDecisionsByAdded(
  q: TDecisionQuery,
  opts: { after: TDecisionAddedCursor | null; addedAfter: Date | null },
): AsyncGenerator<TDecisionAddedRow[]> {
  const db = getDb();
  let after = opts.after;
  for (;;) {
    const params: unknown[] = [q.tenantId, q.reportedSince, q.now];
    let sql = `"tenantId" = $1 AND "reportedAt" >= $2 AND "validUntil" > $3`;
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (q.minScore !== null) sql += ` AND "score" >= ${param(q.minScore)}`;
    if (q.family !== null) sql += ` AND "family" = ${param(q.family)}`;
    if (opts.addedAfter) sql += ` AND "updatedAt" > ${param(opts.addedAfter.toISOString())}::timestamp(3)`;
    if (after)
      sql += ` AND ("updatedAt", "sortKey") > (${param(after.updatedAt)}::timestamp(3), ${param(after.sortKey)})`;
    const rows = await db.$queryRawUnsafe<TRaw[]>(
      `SELECT "ip","sortKey","family","score","bucket","cluster","driver","asn","country","asOf","validUntil",
              "reportId","modelId","reportedAt","updatedAt"
         FROM "Decision" WHERE ${sql}
        ORDER BY "updatedAt", "sortKey" LIMIT ${READ_BATCH}`,
      ...params,
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      ...r,
      family: r.family === 6 ? 6 : 4,
      asOf: utcDay(r.asOf),
    }));
    const last = rows[rows.length - 1];
    if (!last || rows.length < READ_BATCH) return;
    after = { updatedAt: last.updatedAt.toISOString(), sortKey: last.sortKey };
  }
}
