import { z } from "zod";
import { listedCsv, listedView } from "@mlsec/pipeline/dashboard";
import { LISTED_CSV_MAX, LISTED_PAGE_SIZE, ZListedQuery } from "@/lib/api-schemas.ts";
import { jsonError } from "@/lib/json-error.ts";
import { listedFilterOf } from "@/lib/listed-filter.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";
import { noStore } from "@/lib/no-store.ts";

/**
 * GET /api/v1/listed?bucket=&cidr=&asn=&min=&max=&day=&pending=1&page=&format=json|csv: what the
 * tenant lists now, filtered, highest scores first; csv gives the whole filtered view (capped).
 */
export const GET = withPrincipal("read", async (req, principal) => {
  const query = ZListedQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return jsonError(400, "invalid query", { issues: z.flattenError(query.error) });
  const filter = listedFilterOf(query.data);
  if (query.data.format === "csv") {
    const { total, csv } = await listedCsv({ tenantId: principal.tenantId, filter, max: LISTED_CSV_MAX });
    return new Response(csv, {
      headers: noStore({
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="mlsec-listed.csv"',
        // The cap binds when more rows matched than the file holds: say so rather than cut silently.
        "X-Total-Count": String(total),
      }),
    });
  }
  const view = await listedView({
    tenantId: principal.tenantId,
    filter,
    page: query.data.page ?? 1,
    pageSize: LISTED_PAGE_SIZE,
  });
  return jsonOk(view);
});
