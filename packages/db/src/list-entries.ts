import { getDb } from "./client.ts";
import { withTenant } from "./with-tenant.ts";
import { NotFoundError } from "./errors.ts";

export type TListKind = "allow" | "block";

/** Adds an allow- or block-list entry (an IP, a CIDR or "AS<n>"); the caller validates the value. */
export async function addListEntry(opts: {
  tenantId: string;
  kind: TListKind;
  value: string;
  reason?: string;
  expiresAt?: Date | null;
  createdBy: string;
}) {
  return withTenant(opts.tenantId, async (tx) => {
    return tx.listEntry.create({
      data: {
        tenantId: opts.tenantId,
        kind: opts.kind,
        value: opts.value,
        reason: opts.reason ?? "",
        expiresAt: opts.expiresAt ?? null,
        createdBy: opts.createdBy,
      },
    });
  });
}

/** Deletes one entry; another tenant's id and an unknown id throw NotFoundError alike. */
export async function removeListEntry(opts: { tenantId: string; id: string }) {
  return withTenant(opts.tenantId, async (tx) => {
    const { count } = await tx.listEntry.deleteMany({ where: { tenantId: opts.tenantId, id: opts.id } });
    if (count === 0) throw new NotFoundError("list entry");
  });
}

/** Entries in force at `now`: expired ones are kept for the record but no longer apply. */
export async function activeListEntries(opts: { tenantId: string; kind?: TListKind; now?: Date }) {
  const now = opts.now ?? new Date();
  return getDb().listEntry.findMany({
    where: {
      tenantId: opts.tenantId,
      ...(opts.kind ? { kind: opts.kind } : {}),
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    orderBy: { createdAt: "desc" },
  });
}

/** Every entry, expired ones included, for the list management page and API. */
export async function listListEntries(tenantId: string) {
  return withTenant(tenantId, async (tx) => {
    return tx.listEntry.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" } });
  });
}
