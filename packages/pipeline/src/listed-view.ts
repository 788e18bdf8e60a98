import { csvField } from "@mlsec/core/export";
import { listListedDecisions, type TListedFilter, type TListedRow } from "@mlsec/db";
import { listingWindow } from "./tenant-dashboard.ts";

export type { TListedFilter, TListedRow };

/** One page of what the tenant lists now, filtered: the dashboard's numbers open this view. */
export async function listedView(opts: {
  tenantId: string;
  filter: TListedFilter;
  page: number;
  pageSize: number;
  now?: Date;
}): Promise<{ total: number; page: number; pageSize: number; rows: TListedRow[] }> {
  const w = listingWindow(opts.tenantId, opts.now ?? new Date());
  const { total, rows } = await listListedDecisions(w, opts.filter, {
    take: opts.pageSize,
    skip: (opts.page - 1) * opts.pageSize,
  });
  return { total, page: opts.page, pageSize: opts.pageSize, rows };
}

export const LISTED_CSV_COLUMNS = [
  "ip",
  "score",
  "bucket",
  "cluster",
  "driver",
  "asn",
  "country",
  "as_of",
  "valid_until",
] as const;

/** The filtered view as CSV (at most `max` rows, highest scores first), cells defused for spreadsheets. */
export async function listedCsv(opts: {
  tenantId: string;
  filter: TListedFilter;
  max: number;
  now?: Date;
}): Promise<{ total: number; csv: string }> {
  const w = listingWindow(opts.tenantId, opts.now ?? new Date());
  const { total, rows } = await listListedDecisions(w, opts.filter, { take: opts.max, skip: 0 });
  const lines = rows.map((r) =>
    [
      r.ip,
      r.score.toFixed(6),
      r.bucket,
      r.cluster,
      r.driver,
      r.asn === null ? "" : String(r.asn),
      r.country ?? "",
      r.asOf,
      r.validUntil.toISOString(),
    ]
      .map(csvField)
      .join(","),
  );
  return { total, csv: `${[LISTED_CSV_COLUMNS.join(","), ...lines].join("\r\n")}\r\n` };
}
