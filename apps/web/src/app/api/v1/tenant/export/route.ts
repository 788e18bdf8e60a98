import { utcDay } from "@mlsec/core/day";
import { recordAudit } from "@mlsec/db";
import { exportTenant } from "@mlsec/pipeline/tenant";
import { actorOf } from "@/lib/authenticate-request.ts";
import { streamResponse } from "@/lib/stream-response.ts";
import { withPrincipal } from "@/lib/with-principal.ts";

/**
 * GET /api/v1/tenant/export: all of the tenant's data as JSON Lines (`{"table","row"}` per line; no
 * password, key or token hashes, no webhook secret), streamed a batch of rows at a time. Owners and
 * admins, or an API key with the "export" scope; audited before the first byte goes out.
 */
export const GET = withPrincipal("export", async (req, principal) => {
  await recordAudit({
    tenantId: principal.tenantId,
    actor: actorOf(principal),
    action: "export",
    target: "tenant",
    detail: { format: "jsonl", via: principal.via },
  });
  const day = utcDay();
  return streamResponse(req, exportTenant(principal.tenantId), {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="mlsec-${principal.tenantId}-${day}.jsonl"`,
    },
  });
});
