import { getUpload, toUploadView } from "@mlsec/db";
import { ZUploadParams, type TUploadRouteContext } from "@/lib/api-schemas.ts";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

/** GET /api/v1/uploads/:id: status, stage, progress and counts; the portal's status page polls it too. */
export const GET = withPrincipal("read", async (_req, principal, ctx: TUploadRouteContext) => {
  const params = ZUploadParams.safeParse(await ctx.params);
  if (!params.success) return jsonError(404, "not found");
  const view = toUploadView(await getUpload({ tenantId: principal.tenantId, id: params.data.id }));
  return jsonOk(view);
});
