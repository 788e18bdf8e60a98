import { tenantDashboard } from "@mlsec/pipeline/dashboard";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

/** GET /api/v1/dashboard: the tenant-wide numbers of the portal's home page, the last 30 days. */
export const GET = withPrincipal("read", async (_req, principal) => {
  const dashboard = await tenantDashboard(principal.tenantId);
  return jsonOk(dashboard);
});
