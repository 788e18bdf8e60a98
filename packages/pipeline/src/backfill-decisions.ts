import { ZReport } from "@mlsec/core/report";
import { listDoneReports, tenantsWithoutDecisions } from "@mlsec/db";
import { getJson } from "@mlsec/storage";
import { BLOCKLIST_MAX_REPORTS, BLOCKLIST_WINDOW_DAYS } from "./build-blocklist.ts";
import { listReportDecisions } from "./report-decisions.ts";
import { MS_PER_DAY } from "@mlsec/core/day";

/**
 * Decisions for tenants whose reports predate the Decision table (or whose rows were lost): their
 * done reports of the blocklist window, oldest first, as the report stage would have listed them,
 * so their feeds serve what their blocklist serves from the first pull. Tenants that already have
 * decisions are left alone; running it twice changes nothing (newest report wins either way).
 */
export async function backfillDecisions(now = new Date()): Promise<{ tenants: number; rows: number }> {
  const since = new Date(now.getTime() - BLOCKLIST_WINDOW_DAYS * MS_PER_DAY);
  const tenants = await tenantsWithoutDecisions(since);
  let rows = 0;
  for (const tenantId of tenants) {
    const reports = await listDoneReports({ tenantId, since, take: BLOCKLIST_MAX_REPORTS });
    for (const r of reports.reverse()) {
      const report = ZReport.parse(await getJson(r.s3Key));
      rows += await listReportDecisions({
        tenantId,
        scored: report.ips,
        asOf: report.asOf,
        halfLifeDays: report.halfLifeDays,
        reportId: r.id,
        modelId: r.model?.id ?? null,
        reportedAt: r.createdAt,
      });
    }
  }
  return { tenants: tenants.length, rows };
}
