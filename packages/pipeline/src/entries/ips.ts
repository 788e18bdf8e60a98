// One address of a tenant: its score now, its history and why it is (not) listed, for the IP
// routes and page of apps/web.
export { scoreIpForTenant, type TTenantIpView } from "../score-ip-for-tenant.ts";
// The history's computation and types are core's (@mlsec/core/rank).
export { loadIpHistory } from "../ip-history.ts";
export { loadIpProvenance, type TIpProvenance, type TNotListedReason } from "../ip-provenance.ts";
export { readEventSample } from "../event-sample-upload.ts";
export { loadIpEvents, IP_EVENT_UPLOADS, type TIpEventDay } from "../ip-events.ts";
