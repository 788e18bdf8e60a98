import { z } from "zod";
import { loadIpEvents } from "@mlsec/pipeline/ips";
import { ZIpEventsQuery } from "@/lib/api-schemas.ts";
import { ZIpWhyParams } from "@/lib/ip-why-schema.ts";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

type TIpRouteContext = { params: Promise<{ ip: string }> };

/**
 * GET /api/v1/ips/:ip/events?day=: the sampled events behind the address in the tenant's newest
 * uploads, per upload and day (the first events and "more": how many were not kept), with the
 * line numbers event verdicts refer to. 404 for text that is not an address and for an address
 * with no sampled events in this tenant's uploads (so another tenant's address is a 404 too).
 * Scope "read".
 */
export const GET = withPrincipal("read", async (req, principal, ctx: TIpRouteContext) => {
  const params = ZIpWhyParams.safeParse(await ctx.params);
  if (!params.success) return jsonError(404, "not found");
  const query = ZIpEventsQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return jsonError(400, "invalid query", { issues: z.flattenError(query.error) });
  const days = await loadIpEvents({
    tenantId: principal.tenantId,
    ip: params.data.ip,
    ...(query.data.day ? { day: query.data.day } : {}),
  });
  if (days.length === 0) return jsonError(404, "not found");
  return jsonOk({ ip: params.data.ip, days });
});
