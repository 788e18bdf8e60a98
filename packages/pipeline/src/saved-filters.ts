import {
  createSavedFilter,
  deleteSavedFilter,
  listSavedFilters,
  recordAudit,
  type TSavedFilter,
  type TSavedFilterFields,
} from "@mlsec/db";

export type { TSavedFilter, TSavedFilterFields };

/**
 * Saves a validated listed-view filter under a name for the tenant and logs who did it: the API and
 * the portal's no-JavaScript form both come here, so both leave the same audit row.
 */
export async function saveListedFilter(opts: {
  tenantId: string;
  actor: string;
  name: string;
  filter: TSavedFilterFields;
}): Promise<TSavedFilter> {
  const saved = await createSavedFilter({
    tenantId: opts.tenantId,
    name: opts.name,
    filter: opts.filter,
    createdBy: opts.actor,
  });
  await recordAudit({
    tenantId: opts.tenantId,
    actor: opts.actor,
    action: "filter.save",
    target: saved.id,
    detail: { name: saved.name, filter: saved.filter },
  });
  return saved;
}

/** Deletes a saved filter (NotFoundError for another tenant's id) and logs it with its name. */
export async function removeSavedFilter(opts: {
  tenantId: string;
  actor: string;
  id: string;
}): Promise<void> {
  const gone = await deleteSavedFilter({ tenantId: opts.tenantId, id: opts.id });
  await recordAudit({
    tenantId: opts.tenantId,
    actor: opts.actor,
    action: "filter.delete",
    target: gone.id,
    detail: { name: gone.name },
  });
}

/** The tenant's saved filters, newest first. */
export const savedListedFilters = (tenantId: string): Promise<TSavedFilter[]> => listSavedFilters(tenantId);
