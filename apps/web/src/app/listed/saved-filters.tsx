import Link from "next/link";
import { LISTED_FILTER_FIELDS, type TListedFilterQuery } from "@/lib/api-schemas.ts";
import { formatDateTime } from "@/lib/format.ts";
import type { savedFilterView } from "@/lib/listed-filter.ts";
import { deleteFilterAction, saveFilterAction } from "./saved-filter-actions.ts";

type TSavedView = ReturnType<typeof savedFilterView>;

/** The current filter as hidden fields, so a form post carries it without JavaScript. */
function FilterFields({ filter }: { filter: TListedFilterQuery }) {
  return LISTED_FILTER_FIELDS.map((k) => {
    const v = filter[k];
    return v === undefined ? null : <input key={k} type="hidden" name={k} value={String(v)} />;
  });
}

/**
 * The organisation's saved filters as links, and (for analysts and above) "Save this filter" and
 * "Delete": server actions behind plain method="post" forms, so they work before hydration too.
 */
export function SavedFilters({
  filters,
  current,
  canSave,
}: {
  filters: TSavedView[];
  /** The filter shown now, when it validated (an invalid one cannot be saved). */
  current: TListedFilterQuery | null;
  canSave: boolean;
}) {
  return (
    <section className="panel" data-testid="saved-filters">
      <h2>Saved filters</h2>
      {filters.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="stack" data-testid="saved-filter-list">
          {filters.map((f) => (
            <li key={f.id} className="row" data-testid="saved-filter" data-id={f.id}>
              {f.search === null ? (
                <span title="saved under an older version; it no longer validates">{f.name}</span>
              ) : (
                <Link href={`/listed${f.search}`}>{f.name}</Link>
              )}
              <span className="muted">{formatDateTime(f.createdAt)}</span>
              {canSave && (
                <form method="post" action={deleteFilterAction}>
                  <input type="hidden" name="id" value={f.id} />
                  {current && <FilterFields filter={current} />}
                  <button type="submit" aria-label={`Delete saved filter ${f.name}`}>
                    Delete
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {canSave && current && (
        <form method="post" action={saveFilterAction} className="inline-form" data-testid="save-filter">
          <FilterFields filter={current} />
          <label>
            Filter name
            <input name="name" required maxLength={80} placeholder="German block list" />
          </label>
          <button type="submit">Save this filter</button>
        </form>
      )}
    </section>
  );
}
