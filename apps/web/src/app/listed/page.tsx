import Link from "next/link";
import { z } from "zod";
import { listedView, savedListedFilters } from "@mlsec/pipeline/dashboard";
import { formatCount, formatScore } from "@/lib/format.ts";
import { LISTED_PAGE_SIZE, ZListedQuery } from "@/lib/api-schemas.ts";
import { roleHasScope } from "@/lib/authenticate-request.ts";
import { countryName } from "@/lib/country-name.ts";
import { listedFilterOf, listedSearch, savedFilterView } from "@/lib/listed-filter.ts";
import { requireSession } from "@/lib/require-session.ts";
import { SavedFilters } from "./saved-filters.tsx";
import { DataTable } from "@/components/data-table.tsx";

type TSearch = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// What the save and delete actions came back to say, by the code they put in the URL.
const NOTES: Record<string, string> = {
  saved: "Filter saved.",
  deleted: "Saved filter deleted.",
};
const SAVE_ERRORS: Record<string, string> = {
  name: "Give the filter a name of 1 to 80 characters.",
  filter: "This filter cannot be saved: fix the fields marked above first.",
  taken: "A saved filter of that name exists already; choose another name.",
  missing: "That saved filter no longer exists.",
};

/**
 * /listed: what the tenant lists now, filtered (all filters apply together); every dashboard number
 * opens it with its filter, and a filter can be saved by name for the whole organisation.
 */
export default async function ListedPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const user = await requireSession();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, first(v) ?? ""]));
  const parsed = ZListedQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : {};
  const [view, saved] = await Promise.all([
    parsed.success
      ? listedView({
          tenantId: user.tenantId,
          filter: listedFilterOf(parsed.data),
          page: parsed.data.page ?? 1,
          pageSize: LISTED_PAGE_SIZE,
        })
      : null,
    savedListedFilters(user.tenantId),
  ]);
  const canSave = roleHasScope(user.role, "feedback");
  const note = raw.saved ? NOTES.saved : raw.deleted ? NOTES.deleted : undefined;
  const saveError = SAVE_ERRORS[raw.saveError ?? raw.deleteError ?? ""];
  const problems = parsed.success ? [] : Object.entries(z.flattenError(parsed.error).fieldErrors);
  const page = view?.page ?? 1;
  const pages = view ? Math.max(1, Math.ceil(view.total / view.pageSize)) : 1;
  const { page: _page, format: _format, ...filters } = query;
  return (
    <>
      <h1>Listed addresses</h1>
      <form method="get" action="/listed" className="filters panel" data-testid="listed-filters">
        <label>
          Bucket
          <select name="bucket" defaultValue={raw.bucket ?? ""}>
            <option value="">any</option>
            <option value="block">block</option>
            <option value="review">review</option>
            <option value="allow">allow</option>
          </select>
        </label>
        <label>
          Exact IP
          <input name="ip" defaultValue={raw.ip ?? ""} placeholder="2001:db8::1" />
        </label>
        <label>
          Address or CIDR
          <input name="cidr" defaultValue={raw.cidr ?? ""} placeholder="192.0.2.0/24" />
        </label>
        <label>
          AS number
          <input name="asn" inputMode="numeric" defaultValue={raw.asn ?? ""} />
        </label>
        <label>
          Country
          <input
            name="country"
            defaultValue={raw.country ?? ""}
            placeholder="DE"
            maxLength={2}
            size={3}
            autoCapitalize="characters"
            title="ISO 3166-1 alpha-2 code of the registration country"
          />
        </label>
        <label>
          Score from
          <input name="min" inputMode="decimal" defaultValue={raw.min ?? ""} placeholder="0.9" />
        </label>
        <label>
          Score to
          <input name="max" inputMode="decimal" defaultValue={raw.max ?? ""} />
        </label>
        <label>
          Active on
          <input name="day" type="date" defaultValue={raw.day ?? ""} />
        </label>
        <label>
          Verdict
          <select name="pending" defaultValue={raw.pending ?? ""}>
            <option value="">any</option>
            <option value="1">none yet</option>
          </select>
        </label>
        <button type="submit">Filter</button>
        <Link href="/listed">Clear</Link>
      </form>
      {problems.length > 0 && (
        <p className="error" role="alert" data-testid="listed-error">
          {problems.map(([field, messages]) => `${field}: ${(messages ?? []).join(", ")}`).join("; ")}
        </p>
      )}
      {note && (
        <p className="ok-text" role="status" data-testid="listed-note">
          {note}
        </p>
      )}
      {saveError && (
        <p className="error" role="alert" data-testid="saved-filter-error">
          {saveError}
        </p>
      )}
      <SavedFilters
        filters={saved.map(savedFilterView)}
        current={parsed.success ? filters : null}
        canSave={canSave}
      />
      {view && (
        <>
          <p data-testid="listed-total" data-value={view.total}>
            {formatCount(view.total)} addresses match.{" "}
            <a href={`/api/v1/listed${listedSearch(filters, { format: "csv" })}`} data-testid="listed-csv">
              Download CSV
            </a>
          </p>
          <DataTable
            testId="listed-table"
            columns={["Address", { label: "Score", num: true }, "Bucket", "Why", "AS", "Country", "As of"]}
          >
            {view.rows.map((r) => (
              <tr key={r.ip}>
                <td>
                  <Link href={`/ips/${encodeURIComponent(r.ip)}`}>{r.ip}</Link>
                </td>
                <td className="num">{formatScore(r.score)}</td>
                <td>{r.bucket}</td>
                <td>{r.cluster}</td>
                <td>{r.asn === null ? "—" : `AS${r.asn}`}</td>
                <td title={r.country ? countryName(r.country) : undefined}>{r.country ?? "—"}</td>
                <td>{r.asOf}</td>
              </tr>
            ))}
          </DataTable>
          {pages > 1 && (
            <nav className="row" aria-label="pages">
              {page > 1 && (
                <Link href={`/listed${listedSearch(filters, { page: String(page - 1) })}`}>Previous</Link>
              )}
              <span>
                Page {page} of {pages}
              </span>
              {page < pages && (
                <Link href={`/listed${listedSearch(filters, { page: String(page + 1) })}`}>Next</Link>
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
}
