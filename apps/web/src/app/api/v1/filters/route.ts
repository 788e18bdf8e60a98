import { z } from "zod";
import { saveListedFilter, savedListedFilters } from "@mlsec/pipeline/dashboard";
import { ZSavedFilterCreate } from "@/lib/api-schemas.ts";
import { actorOf } from "@/lib/authenticate-request.ts";
import { jsonError } from "@/lib/json-error.ts";
import { jsonOk } from "@/lib/json-ok.ts";
import { filterFields, savedFilterView } from "@/lib/listed-filter.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { withPrincipal } from "@/lib/with-principal.ts";

/** GET /api/v1/filters: the tenant's saved filters of the listed view, newest first, each with its query string. */
export const GET = withPrincipal("read", async (_req, principal) => {
  const filters = await savedListedFilters(principal.tenantId);
  return jsonOk({ filters: filters.map(savedFilterView) });
});

/**
 * POST /api/v1/filters {"name", "filter": {bucket, ip, cidr, asn, country, min, max, day, pending}}:
 * saves the filter under a name (409 if the tenant already uses it). Scope "feedback" (analyst and above).
 */
export const POST = withPrincipal("feedback", async (req, principal) => {
  const parsed = ZSavedFilterCreate.safeParse(await readJsonBody(req));
  if (!parsed.success) return jsonError(400, "invalid filter", { issues: z.flattenError(parsed.error) });
  const saved = await saveListedFilter({
    tenantId: principal.tenantId,
    actor: actorOf(principal),
    name: parsed.data.name,
    filter: filterFields(parsed.data.filter),
  });
  return jsonOk(savedFilterView(saved), { status: 201 });
});
