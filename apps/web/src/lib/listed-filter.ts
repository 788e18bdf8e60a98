import type { TListedFilter } from "@mlsec/pipeline/dashboard";
import type { TListedQuery } from "./api-schemas.ts";

/** The parsed query as the use case's filter: what is absent does not filter. */
export function listedFilterOf(q: TListedQuery): TListedFilter {
  return {
    bucket: q.bucket ?? null,
    cidr: q.cidr ?? null,
    asn: q.asn ?? null,
    minScore: q.min ?? null,
    maxScore: q.max ?? null,
    activeOn: q.day ?? null,
    pending: q.pending === "1",
  };
}

/** The query string that reproduces a filter (for links, the pager and the CSV link). */
export function listedSearch(q: TListedQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra }))
    if (v !== undefined && v !== "") params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : "";
}
