import { getTenant } from "@mlsec/db";
import { eraseTenant } from "./tenant-lifecycle.ts";

export type TEraseOutcome =
  { kind: "erased"; objects: number; rows: number } | { kind: "name-mismatch" } | { kind: "not-found" };

/**
 * Erases the tenant when `confirm` is its organisation's exact name (what the owner typed): the name
 * is the last guard against erasing the wrong organisation from a session open in several tabs.
 */
export async function eraseTenantConfirmed(opts: {
  tenantId: string;
  confirm: string;
}): Promise<TEraseOutcome> {
  const tenant = await getTenant(opts.tenantId);
  if (!tenant) return { kind: "not-found" };
  if (tenant.name !== opts.confirm) return { kind: "name-mismatch" };
  const erased = await eraseTenant(opts.tenantId);
  const rows = Object.values(erased.rows).reduce((a, b) => a + b, 0);
  return { kind: "erased", objects: erased.objects, rows };
}
