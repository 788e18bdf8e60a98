"use server";

import { redirect } from "next/navigation";
import { ConflictError, NotFoundError } from "@mlsec/db";
import { removeSavedFilter, saveListedFilter } from "@mlsec/pipeline/dashboard";
import { LISTED_FILTER_FIELDS, ZListedFilter, ZSavedFilterCreate } from "@/lib/api-schemas.ts";
import { filterFields, listedSearch } from "@/lib/listed-filter.ts";
import { requireScope } from "@/lib/require-scope.ts";

const text = (v: FormDataEntryValue | null): string => (typeof v === "string" ? v : "");

/** The filter fields the form carried (hidden inputs of the current filter), blanks left out. */
function filterOf(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of LISTED_FILTER_FIELDS) {
    const v = text(form.get(k)).trim();
    if (v !== "") out[k] = v;
  }
  return out;
}

/** Back to the filtered view; `note` names what happened (a code, so no free text rides in the URL). */
function back(filter: Record<string, string>, note: Record<string, string>): never {
  const parsed = ZListedFilter.safeParse(filter);
  redirect(`/listed${listedSearch(parsed.success ? parsed.data : {}, note)}`);
}

/**
 * "Save this filter" on /listed: a plain form post (works without JavaScript), validated by the same
 * schema as POST /api/v1/filters, saved and audited by the same use case. Analysts and above.
 */
export async function saveFilterAction(form: FormData): Promise<void> {
  const user = await requireScope("feedback");
  const filter = filterOf(form);
  const parsed = ZSavedFilterCreate.safeParse({ name: text(form.get("name")), filter });
  if (!parsed.success)
    back(filter, { saveError: parsed.error.issues.some((i) => i.path[0] === "name") ? "name" : "filter" });
  let id = "";
  try {
    id = (
      await saveListedFilter({
        tenantId: user.tenantId,
        actor: user.userId,
        name: parsed.data.name,
        filter: filterFields(parsed.data.filter),
      })
    ).id;
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
  }
  // redirect() throws, so it stays outside the try above.
  back(filter, id ? { saved: id } : { saveError: "taken" });
}

/** "Delete" beside a saved filter on /listed (a form post too). Analysts and above; another tenant's id: nothing. */
export async function deleteFilterAction(form: FormData): Promise<void> {
  const user = await requireScope("feedback");
  let gone = true;
  try {
    await removeSavedFilter({ tenantId: user.tenantId, actor: user.userId, id: text(form.get("id")) });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    gone = false;
  }
  back(filterOf(form), gone ? { deleted: "1" } : { deleteError: "missing" });
}
