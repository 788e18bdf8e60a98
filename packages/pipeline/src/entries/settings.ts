// What the settings views and routes of apps/web check and show: the rank settings in force and
// the webhook destination guard.
export { tenantRankSettings } from "../tenant-rank-settings.ts";
export { webhookUrlRefusal } from "../safe-destination.ts";
