import { scoreIpForTenant } from "@mlsec/pipeline/ips";
import type { TReportedRow } from "./recent-report-rows.ts";

export type TIpView = {
  score: number | null;
  verdict: string;
  bucket: string;
  asn: number | null;
  asOrg: string | null;
  country: string | null;
  reasons: string[];
  features: Record<string, number>;
  asOf: string | null;
  /** "live": scored now with the active model (the API's view); "report": the newest report's row. */
  source: "live" | "report";
  modelVersion: number | null;
};

/**
 * The tenant's current view of one address: scored with its active model against its latest rank
 * snapshot (what GET /api/v1/ips/:ip answers), else the newest report row that lists it, else null.
 */
export async function loadIpView(
  tenantId: string,
  ip: string,
  reported: TReportedRow | null,
): Promise<TIpView | null> {
  const live = await scoreIpForTenant({ tenantId, ip }).catch((err: unknown) => {
    console.error(`[ip page] scoring ${ip} failed:`, err);
    return null;
  });
  if (live) return { ...live, source: "live" };
  if (!reported) return null;
  const { row } = reported;
  return { ...row, asOf: reported.asOf, source: "report", modelVersion: null };
}
