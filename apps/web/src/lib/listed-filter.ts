import type { TListedFilter, TSavedFilter } from "@mlsec/pipeline/dashboard";
import { ZListedFilter, type TListedFilterQuery, type TListedQuery } from "./api-schemas.ts";

/** The parsed query as the use case's filter: what is absent does not filter. */
export function listedFilterOf(q: TListedFilterQuery): TListedFilter {
  return {
    bucket: q.bucket ?? null,
    cidr: q.cidr ?? null,
    ip: q.ip ?? null,
    asn: q.asn ?? null,
    country: q.country ?? null,
    minScore: q.min ?? null,
    maxScore: q.max ?? null,
    activeOn: q.day ?? null,
    pending: q.pending === "1",
  };
}

/** The query string that reproduces a filter (for links, the pager and the CSV link). */
export function listedSearch(
  q: TListedQuery | TListedFilterQuery,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra }))
    if (v !== undefined && v !== "") params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * A saved filter as the API and pages show it: its filter re-validated (one saved under an older
 * schema that no longer passes opens nothing: `search` is null) and the query string that opens it.
 */
export function savedFilterView(f: TSavedFilter) {
  const parsed = ZListedFilter.safeParse(f.filter);
  return {
    id: f.id,
    name: f.name,
    filter: f.filter,
    search: parsed.success ? listedSearch(parsed.data) : null,
    createdBy: f.createdBy,
    createdAt: f.createdAt.toISOString(),
  };
}

/** A validated filter as the JSON a saved filter stores: only the fields that filter. */
export function filterFields(q: TListedFilterQuery): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(q)) if (typeof v === "string" || typeof v === "number") out[k] = v;
  return out;
}
