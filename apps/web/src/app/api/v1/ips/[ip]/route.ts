import { scoreIpForTenant } from "@mlsec/pipeline/ips";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

type TIpRouteContext = { params: Promise<{ ip: string }> };

/**
 * GET /api/v1/ips/:ip: the tenant's view of one address (score, verdict, bucket, features,
 * reasons), scored with its active model against its latest rank snapshot. 404 when the text is
 * not an address or the tenant has nothing ranked yet.
 */
export const GET = withPrincipal("read", async (_req, principal, ctx: TIpRouteContext) => {
  const { ip } = await ctx.params;
  const view = await scoreIpForTenant({ tenantId: principal.tenantId, ip: safeDecode(ip) });
  if (!view) return jsonError(404, "not found");
  return jsonOk(view);
});

// An IPv6 address may arrive percent-encoded (%3A); malformed escapes are simply not addresses.
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
