import { newestReports } from "@mlsec/db";
import { rowOfIp } from "./ip-query.ts";
import { loadReportView } from "./report-cache.ts";
import type { TIpRow } from "./report-view.ts";

/** How many of the tenant's newest reports the IP page looks through. */
const RECENT_REPORTS = 3;

export type TReportedRow = { row: TIpRow; uploadId: string; generatedAt: string | null; asOf: string | null };

/**
 * The newest scored row of each address among the tenant's latest reports: what the tenant last
 * saw for it (score, verdict, bucket, reasons, features). Addresses in none of them are absent.
 */
export async function findRecentReportRows(
  tenantId: string,
  ips: readonly string[],
): Promise<Map<string, TReportedRow>> {
  const reports = await newestReports({ tenantId, take: RECENT_REPORTS });
  const found = new Map<string, TReportedRow>();
  for (const { uploadId } of reports) {
    const loaded = await loadReportView({ tenantId, uploadId });
    if (!loaded.ready) continue;
    const { view, index } = loaded.report;
    for (const ip of ips) {
      if (found.has(ip)) continue;
      const row = rowOfIp(index, ip);
      if (row) found.set(ip, { row, uploadId, generatedAt: view.generatedAt, asOf: view.asOf });
    }
  }
  return found;
}
