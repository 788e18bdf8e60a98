import { z } from "zod";
import { setCommunityContribution } from "@mlsec/db";
import { ZCommunityPatch } from "@/lib/api-schemas.ts";
import { communityView } from "@/lib/community-view.ts";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { jsonOk } from "@/lib/json-ok.ts";
import { auditBy } from "@/lib/audit-by.ts";

/** GET /api/v1/community: the tenant's consent, the public feeds and the latest community summary. */
export const GET = withPrincipal("manage", async (_req, principal) =>
  jsonOk(await communityView(principal.tenantId)),
);

/**
 * PATCH /api/v1/community {"contribute": boolean}: consent to the pool, or withdraw it (which deletes
 * every row the tenant gave at once). Owners and admins; audited.
 */
export const PATCH = withPrincipal("manage", async (req, principal) => {
  const parsed = ZCommunityPatch.safeParse(await readJsonBody(req));
  if (!parsed.success) return jsonError(400, "invalid body", { issues: z.flattenError(parsed.error) });
  await setCommunityContribution({ tenantId: principal.tenantId, contribute: parsed.data.contribute });
  await auditBy(principal, {
    action: "settings.update",
    target: "community",
    detail: { contribute: parsed.data.contribute },
  });
  return jsonOk(await communityView(principal.tenantId));
});
