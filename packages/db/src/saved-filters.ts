import { ConflictError, NotFoundError } from "./errors.ts";
import { withTenant } from "./with-tenant.ts";

/**
 * A named filter of the listed view. `filter` is what the caller validated (the portal's
 * ZListedFilter output) as plain JSON values; it is re-validated when it is used, so a filter
 * saved under an older schema cannot reach a query unchecked.
 */
export type TSavedFilterFields = Record<string, string | number>;
export type TSavedFilter = {
  id: string;
  name: string;
  filter: TSavedFilterFields;
  createdBy: string;
  createdAt: Date;
};

const isUniqueViolation = (err: unknown): boolean =>
  typeof err === "object" && err !== null && "code" in err && err.code === "P2002";

function fieldsOf(json: unknown): TSavedFilterFields {
  const out: TSavedFilterFields = {};
  if (typeof json !== "object" || json === null || Array.isArray(json)) return out;
  for (const [k, v] of Object.entries(json)) if (typeof v === "string" || typeof v === "number") out[k] = v;
  return out;
}

const view = (r: {
  id: string;
  name: string;
  filter: unknown;
  createdBy: string;
  createdAt: Date;
}): TSavedFilter => ({
  id: r.id,
  name: r.name,
  filter: fieldsOf(r.filter),
  createdBy: r.createdBy,
  createdAt: r.createdAt,
});

/** Saves a filter under a name; a name the tenant already uses throws ConflictError. */
export async function createSavedFilter(opts: {
  tenantId: string;
  name: string;
  filter: TSavedFilterFields;
  createdBy: string;
}): Promise<TSavedFilter> {
  try {
    return view(
      await withTenant(opts.tenantId, (tx) =>
        tx.savedFilter.create({
          data: { tenantId: opts.tenantId, name: opts.name, filter: opts.filter, createdBy: opts.createdBy },
        }),
      ),
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`a saved filter named "${opts.name}" already exists`);
    throw err;
  }
}

/** The tenant's saved filters, newest first. */
export async function listSavedFilters(tenantId: string): Promise<TSavedFilter[]> {
  const rows = await withTenant(tenantId, (tx) =>
    tx.savedFilter.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
  );
  return rows.map(view);
}

/** Deletes one filter and returns it (for the audit log); another tenant's id and an unknown id throw NotFoundError alike. */
export async function deleteSavedFilter(opts: { tenantId: string; id: string }): Promise<TSavedFilter> {
  return withTenant(opts.tenantId, async (tx) => {
    const row = await tx.savedFilter.findFirst({ where: { tenantId: opts.tenantId, id: opts.id } });
    if (!row) throw new NotFoundError("saved filter");
    await tx.savedFilter.deleteMany({ where: { tenantId: opts.tenantId, id: opts.id } });
    return view(row);
  });
}
