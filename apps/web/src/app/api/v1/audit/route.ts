import { z } from "zod";
import { listAudit } from "@mlsec/db";
import { ZAuditQuery } from "@/lib/api-schemas.ts";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

/** GET /api/v1/audit?action=&before=ISO&limit=100: the tenant's audit log, newest first. Owners and admins. */
export const GET = withPrincipal("manage", async (req, principal) => {
  const query = ZAuditQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return jsonError(400, "invalid query", { issues: z.flattenError(query.error) });
  const events = await listAudit({
    tenantId: principal.tenantId,
    ...(query.data.action ? { action: query.data.action } : {}),
    ...(query.data.before ? { before: new Date(query.data.before) } : {}),
    take: query.data.limit,
  });
  return jsonOk({ events });
});
