// The tenant's data lifecycle doors of apps/web: the JSON Lines export and the confirmed erase.
export { exportTenant } from "../tenant-lifecycle.ts";
export { eraseTenantConfirmed, type TEraseOutcome } from "../erase-confirmed.ts";
