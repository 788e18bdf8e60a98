import { loadIpProvenance } from "@mlsec/pipeline/ips";
import { ZIpWhyParams } from "@/lib/ip-why-schema.ts";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

type TIpRouteContext = { params: Promise<{ ip: string }> };

/**
 * GET /api/v1/ips/:ip/why: why the address is (or is not) on the tenant's blocklist: first and
 * last seen, the behaviour clusters and days that fired, the report and model that scored it with
 * its own, neighbourhood and community contributions, the matching list entries and every verdict.
 * 404 for text that is not an address and for an address the tenant never saw. Scope "read".
 */
export const GET = withPrincipal("read", async (_req, principal, ctx: TIpRouteContext) => {
  const params = ZIpWhyParams.safeParse(await ctx.params);
  if (!params.success) return jsonError(404, "not found");
  const why = await loadIpProvenance({ tenantId: principal.tenantId, ip: params.data.ip });
  if (!why) return jsonError(404, "not found");
  return jsonOk(why);
});
